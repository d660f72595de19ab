#!/usr/bin/env python3
"""Generates a realistic seed file (docs/seed-data.md format) for benchmarks and bulk-import measurements.

Usage:
  scripts/bench-generate.py --entries 100000 --out /tmp/bench-seed.json
  scripts/bench-generate.py --entries 1000000 --first 300000 --count 100000 --out part3.json   # one slice of a big set
  scripts/bench-generate.py --entries 1000 --ids-out ids.txt --out small.json                 # also the entry ids

What it holds, so the store looks like years of real relations and not one repeated row:
  - officials from many countries (CN and RU most, then neighbours, buyers and partners), with Chinese and Russian
    names for CN/RU officials, aliases for some, Wikidata ids for some, and one or two offices each;
  - visits (60%), arms deliveries (20%) and joint statements (20%); about a third involve both CN and RU, so the
    pair filter of the timeline selects a realistic share;
  - every EDTF precision the service accepts: days, months, years, approximate (~), uncertain (?), both (%),
    spans of days and of months, and a few open-ended spans (/..);
  - one to three sources per entry, with publishers, languages, publication dates on or after the event, and URLs.

Each entry is drawn from its own random generator seeded by (seed, index), so a slice (--first/--count) holds exactly
the entries the whole set would hold at those indexes: the bench loads a million entries as ten files of 100,000.
Every slice repeats the officials (the loader skips those already stored). Entry keys are "<prefix>-<index>"; the entry
ids are the version 5 UUIDs the service derives from them (Entries/EntryIds.cs), written with --ids-out.
"""
import argparse
import json
import random
import sys
import uuid

SEED_NAMESPACE = uuid.UUID("6f1c9a52-3d1e-4b7e-9a43-2f0c8d5e7b11")  # Entries/EntryIds.cs

# Country, weight (how often it takes part), cities. CN and RU dominate, as in the service's subject.
COUNTRIES = [
    ("CN", 30, ["Beijing", "Shanghai", "Guangzhou", "Harbin", "Qingdao", "Xiamen", "Hangzhou"]),
    ("RU", 30, ["Moscow", "Saint Petersburg", "Vladivostok", "Sochi", "Kazan", "Novosibirsk"]),
    ("US", 6, ["Washington", "New York", "San Francisco", "Honolulu"]),
    ("KZ", 4, ["Astana", "Almaty"]),
    ("BY", 4, ["Minsk", "Brest"]),
    ("IN", 4, ["New Delhi", "Mumbai", "Goa"]),
    ("KP", 3, ["Pyongyang"]),
    ("KR", 3, ["Seoul", "Busan"]),
    ("JP", 3, ["Tokyo", "Osaka"]),
    ("MN", 3, ["Ulaanbaatar"]),
    ("UZ", 2, ["Tashkent", "Samarkand"]),
    ("KG", 2, ["Bishkek"]),
    ("TJ", 2, ["Dushanbe"]),
    ("TM", 1, ["Ashgabat"]),
    ("IR", 2, ["Tehran"]),
    ("PK", 2, ["Islamabad"]),
    ("VN", 2, ["Hanoi"]),
    ("SY", 1, ["Damascus"]),
    ("TR", 2, ["Ankara", "Istanbul"]),
    ("DE", 2, ["Berlin"]),
    ("FR", 2, ["Paris"]),
    ("BR", 1, ["Brasília"]),
    ("ZA", 1, ["Pretoria", "Johannesburg"]),
    ("EG", 1, ["Cairo"]),
    ("SG", 1, ["Singapore"]),
    ("ID", 1, ["Jakarta"]),
    ("MY", 1, ["Kuala Lumpur"]),
    ("VE", 1, ["Caracas"]),
    ("CU", 1, ["Havana"]),
    ("RS", 1, ["Belgrade"]),
    ("AM", 1, ["Yerevan"]),
    ("AZ", 1, ["Baku"]),
    ("GE", 1, ["Tbilisi"]),
    ("UA", 1, ["Kyiv"]),
    ("AE", 1, ["Abu Dhabi", "Dubai"]),
    ("SA", 1, ["Riyadh"]),
    ("ET", 1, ["Addis Ababa"]),
    ("MM", 1, ["Naypyidaw"]),
    ("LA", 1, ["Vientiane"]),
    ("KH", 1, ["Phnom Penh"]),
]
CODES = [c for c, _, _ in COUNTRIES]
WEIGHTS = [w for _, w, _ in COUNTRIES]
CITIES = {c: cities for c, _, cities in COUNTRIES}

ZH_SURNAMES = [("Wang", "王", "Ван"), ("Li", "李", "Ли"), ("Zhang", "张", "Чжан"), ("Liu", "刘", "Лю"), ("Chen", "陈", "Чэнь"),
               ("Yang", "杨", "Ян"), ("Zhao", "赵", "Чжао"), ("Huang", "黄", "Хуан"), ("Zhou", "周", "Чжоу"), ("Wu", "吴", "У"),
               ("Xu", "徐", "Сюй"), ("Sun", "孙", "Сунь"), ("Ma", "马", "Ма"), ("Zhu", "朱", "Чжу"), ("Hu", "胡", "Ху"),
               ("Guo", "郭", "Го"), ("He", "何", "Хэ"), ("Gao", "高", "Гао"), ("Lin", "林", "Линь"), ("Wei", "魏", "Вэй")]
ZH_GIVEN = [("Jianguo", "建国", "Цзяньго"), ("Wei", "伟", "Вэй"), ("Fang", "芳", "Фан"), ("Min", "敏", "Минь"), ("Jing", "静", "Цзин"),
            ("Qiang", "强", "Цян"), ("Lei", "磊", "Лэй"), ("Jun", "军", "Цзюнь"), ("Yang", "洋", "Ян"), ("Yong", "勇", "Юн"),
            ("Yan", "艳", "Янь"), ("Jie", "杰", "Цзе"), ("Tao", "涛", "Тао"), ("Ming", "明", "Мин"), ("Chao", "超", "Чао"),
            ("Xiuying", "秀英", "Сюин"), ("Hua", "华", "Хуа"), ("Ping", "平", "Пин"), ("Gang", "刚", "Ган"), ("Hong", "红", "Хун")]
RU_GIVEN = [("Sergei", "Сергей", "谢尔盖", "Sergey"), ("Alexander", "Александр", "亚历山大", "Aleksandr"), ("Dmitry", "Дмитрий", "德米特里", "Dmitri"),
            ("Andrei", "Андрей", "安德烈", "Andrey"), ("Alexei", "Алексей", "阿列克谢", "Aleksey"), ("Mikhail", "Михаил", "米哈伊尔", None),
            ("Nikolai", "Николай", "尼古拉", "Nikolay"), ("Yuri", "Юрий", "尤里", "Yury"), ("Viktor", "Виктор", "维克托", None),
            ("Igor", "Игорь", "伊戈尔", None), ("Oleg", "Олег", "奥列格", None), ("Valentina", "Валентина", "瓦莲京娜", None),
            ("Maria", "Мария", "玛丽亚", None), ("Elena", "Елена", "叶莲娜", "Yelena"), ("Anatoly", "Анатолий", "阿纳托利", "Anatoliy")]
RU_SURNAMES = [("Ivanov", "Иванов", "伊万诺夫"), ("Petrov", "Петров", "彼得罗夫"), ("Sokolov", "Соколов", "索科洛夫"),
               ("Kuznetsov", "Кузнецов", "库兹涅佐夫"), ("Popov", "Попов", "波波夫"), ("Lebedev", "Лебедев", "列别杰夫"),
               ("Kozlov", "Козлов", "科兹洛夫"), ("Novikov", "Новиков", "诺维科夫"), ("Morozov", "Морозов", "莫罗佐夫"),
               ("Volkov", "Волков", "沃尔科夫"), ("Orlov", "Орлов", "奥尔洛夫"), ("Belov", "Белов", "别洛夫"),
               ("Shoigu", "Шойгу", "绍伊古"), ("Lavrov", "Лавров", "拉夫罗夫"), ("Patrushev", "Патрушев", "帕特鲁舍夫")]
OTHER_GIVEN = ["Aidan", "Nurlan", "Askar", "Aliya", "Rahul", "Priya", "Min-jun", "Ji-woo", "Hiroshi", "Yuki", "Batbayar",
               "Dilnoza", "Rustam", "Ali", "Fatima", "Nguyen", "Mehmet", "Anna", "Jean", "Carlos", "Thabo", "Omar", "Lee",
               "Budi", "Ahmad", "Maria", "Miguel", "Ana", "Milan", "Aram", "Ilham", "Nino", "Olena", "Khalid", "Abiy", "Aung",
               "Somsak", "Sok", "James", "Linda"]
OTHER_SURNAMES = ["Tokayev", "Nazarbayev", "Lukashenko", "Sharma", "Singh", "Kim", "Park", "Tanaka", "Suzuki", "Khurelsukh",
                  "Mirziyoyev", "Japarov", "Rahmon", "Berdimuhamedow", "Rouhani", "Khan", "Tran", "Assad", "Yilmaz", "Schmidt",
                  "Dubois", "Silva", "Ramaphosa", "Hassan", "Tan", "Widodo", "Ibrahim", "Maduro", "Diaz", "Vucic", "Pashinyan",
                  "Aliyev", "Garibashvili", "Kuleba", "Al Nahyan", "Al Saud", "Ahmed", "Min Aung", "Phommavihane", "Hun",
                  "Smith", "Johnson", "Miller"]
OFFICES = ["Minister of National Defense", "Minister of Foreign Affairs", "President", "Prime Minister", "Vice President",
           "Deputy Prime Minister", "Chief of the General Staff", "Minister of Economic Development", "Special Envoy",
           "Secretary of the Security Council", "Chairman of the Parliament", "Minister of Energy"]
VISIT_TYPES = ["state", "official", "working", "summit", "conference", "forum", "other"]
VISIT_TITLES = ["{v} visits {city} for talks with {host}", "{v} in {city}: {topic} on the agenda",
                "{v} makes a {kind} visit to {country}", "{v} attends the {event} in {city}",
                "{v} meets {host} in {city} on {topic}"]
TOPICS = ["defence cooperation", "energy", "trade", "the Korean Peninsula", "border security", "Central Asia", "arms control",
          "space", "nuclear power", "finance", "railways", "the Arctic", "counter-terrorism", "military exercises"]
EVENTS = ["Shanghai Cooperation Organisation summit", "Moscow Conference on International Security", "BRICS summit",
          "Eastern Economic Forum", "St. Petersburg International Economic Forum", "Boao Forum for Asia", "Shangri-La Dialogue",
          "Xiangshan Forum", "CICA summit", "Belt and Road Forum"]
SYSTEMS = [("Su-35S", "aircraft"), ("Su-27SK", "aircraft"), ("Su-30MKK", "aircraft"), ("Mi-171E", "aircraft"), ("Il-76MD", "aircraft"),
           ("S-400 Triumf", "airDefence"), ("S-300PMU-2", "airDefence"), ("Tor-M1", "airDefence"), ("Pantsir-S1", "airDefence"),
           ("Kilo-class submarine", "ships"), ("Sovremenny-class destroyer", "ships"), ("AL-31F", "engines"), ("RD-93", "engines"),
           ("Kh-31", "missiles"), ("3M-54 Klub", "missiles"), ("BMP-3", "armouredVehicles"), ("T-90S", "armouredVehicles"),
           ("2S19 Msta-S", "artillery"), ("Ka-28", "antiSubmarineWarfare"), ("Zhuk-ME radar", "sensors"), ("JF-17", "aircraft"),
           ("VT-4", "armouredVehicles"), ("Wing Loong II", "aircraft"), ("HQ-9", "airDefence"), ("Type 054A frigate", "navalWeapons")]
SUPPLIERS = ["RU", "RU", "RU", "CN", "CN", "US", "FR", "DE", "TR", "KR"]
STATEMENT_TITLES = ["Joint Statement on {topic}", "Joint Declaration on Strengthening Cooperation in {topic}",
                    "Joint Communiqué of the {n} Meeting of Heads of Government", "Memorandum on {topic}",
                    "Joint Statement on the Comprehensive Strategic Partnership of Coordination"]
PUBLISHERS = [("Xinhua", "zh", "http://www.xinhuanet.com/english/{y}-{m:02d}/{d:02d}/c_{n}.htm"), ("TASS", "ru", "https://tass.com/politics/{n}"),
              ("RIA Novosti", "ru", "https://ria.ru/{y}{m:02d}{d:02d}/{n}.html"), ("China Daily", "en", "http://www.chinadaily.com.cn/world/{y}-{m:02d}/{d:02d}/content_{n}.htm"),
              ("Kremlin.ru", "ru", "http://kremlin.ru/events/president/news/{n}"), ("Ministry of Foreign Affairs of the PRC", "zh", "https://www.fmprc.gov.cn/eng/{n}.html"),
              ("Reuters", "en", "https://www.reuters.com/article/{n}"), ("SIPRI Arms Transfers Database", "en", None),
              ("The Diplomat", "en", "https://thediplomat.com/{y}/{m:02d}/{n}/"), ("Kommersant", "ru", "https://www.kommersant.ru/doc/{n}"),
              ("People's Daily", "zh", None), ("China-US Focus", "en", "http://www.chinausfocus.com/foreign-policy/{n}")]
TAGS = ["defence", "energy", "trade", "sco", "brics", "arctic", "nuclear", "space", "finance", "military-exercise", "border", "diplomacy"]

FIRST_YEAR, LAST_YEAR = 1992, 2025
MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def days_in(y, m):
    return 29 if m == 2 and (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else MONTH_DAYS[m - 1]


def slug(text):
    out = "".join(ch.lower() if ch.isascii() and ch.isalnum() else "-" for ch in text)
    return "-".join(p for p in out.split("-") if p)


def make_officials(count, rng):
    officials, by_country = [], {c: [] for c in CODES}
    for n in range(count):
        # The first officials cover every country once, so every entry can find visitors and hosts.
        country = CODES[n] if n < len(CODES) else rng.choices(CODES, WEIGHTS)[0]
        aliases = []
        if country == "CN":
            s, g = rng.choice(ZH_SURNAMES), rng.choice(ZH_GIVEN)
            names = {"en": f"{s[0]} {g[0]}", "zh": s[1] + g[1], "ru": f"{s[2]} {g[2]}"}
        elif country == "RU":
            g, s = rng.choice(RU_GIVEN), rng.choice(RU_SURNAMES)
            names = {"en": f"{g[0]} {s[0]}", "zh": f"{g[2]}·{s[2]}", "ru": f"{g[1]} {s[1]}"}
            if g[3]:
                aliases.append(f"{g[3]} {s[0]}")
        else:
            names = {"en": f"{rng.choice(OTHER_GIVEN)} {rng.choice(OTHER_SURNAMES)}"}
        oid = f"{slug(names['en'])}-{country.lower()}-{n}"
        official = {"id": oid, "names": names, "aliases": aliases, "country": country}
        if rng.random() < 0.3:
            official["wikidataId"] = f"Q{rng.randint(1000, 99999999)}"
        offices = []
        start = rng.randint(FIRST_YEAR, LAST_YEAR - 3)
        for _ in range(rng.choice([1, 1, 2])):
            frm = f"{start}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            end = start + rng.randint(2, 8)
            office = {"title": rng.choice(OFFICES), "country": country, "from": frm,
                      "to": f"{end}-{rng.randint(1, 12):02d}" if end <= LAST_YEAR else None,
                      "sources": [source(rng, start, 1)]}
            offices.append(office)
            start = end + 1
            if start > LAST_YEAR - 1:
                break
        official["offices"] = offices
        officials.append(official)
        by_country[country].append((oid, names["en"]))
    return officials, by_country


def edtf(rng):
    """An EDTF date of a realistic precision, and the year it starts in (for source dates)."""
    y, m = rng.randint(FIRST_YEAR, LAST_YEAR), rng.randint(1, 12)
    d = rng.randint(1, days_in(y, m))
    r = rng.random()
    if r < 0.50:
        return f"{y}-{m:02d}-{d:02d}", y
    if r < 0.68:
        return f"{y}-{m:02d}", y
    if r < 0.76:
        return f"{y}", y
    if r < 0.81:
        return f"{y}-{m:02d}~", y
    if r < 0.86:
        return f"{y}-{m:02d}-{d:02d}?", y
    if r < 0.88:
        return f"{y}%", y
    if r < 0.96:
        span = rng.randint(1, 6)
        end = d + span
        if end <= days_in(y, m):
            return f"{y}-{m:02d}-{d:02d}/{y}-{m:02d}-{end:02d}", y
        return f"{y}-{m:02d}-{d:02d}", y
    if r < 0.995:
        m2 = min(12, m + rng.randint(1, 4))
        return (f"{y}-{m:02d}/{y}-{m2:02d}", y) if m2 > m else (f"{y}-{m:02d}", y)
    return f"{y}-{m:02d}-{d:02d}/..", y


def source(rng, year, n):
    publisher, language, url = rng.choice(PUBLISHERS)
    py = min(LAST_YEAR + 1, year + rng.choice([0, 0, 0, 1, 2]))
    pm, pd = rng.randint(1, 12), rng.randint(1, 28)
    s = {"title": f"{rng.choice(TOPICS).capitalize()}: report {n}", "publisher": publisher,
         "publishedOn": f"{py}-{pm:02d}-{pd:02d}" if rng.random() < 0.85 else f"{py}-{pm:02d}", "language": language}
    if url:
        s["url"] = url.format(y=py, m=pm, d=pd, n=rng.randint(100000, 99999999))
    if rng.random() < 0.4:
        s["quote"] = f"Officials discussed {rng.choice(TOPICS)} and {rng.choice(TOPICS)}."
    return s


def sources(rng, year, index):
    return [source(rng, year, index * 10 + k) for k in range(rng.choice([1, 1, 1, 2, 2, 3]))]


def pick_country(rng, other=None):
    while True:
        c = rng.choices(CODES, WEIGHTS)[0]
        if c != other:
            return c


def pair(rng):
    # About a third of the entries are between CN and RU, in either direction.
    if rng.random() < 0.35:
        return ("CN", "RU") if rng.random() < 0.5 else ("RU", "CN")
    a = pick_country(rng)
    return a, pick_country(rng, a)


def visit(index, rng, by_country):
    country, host = pair(rng)
    visitors = rng.sample(by_country[country], min(len(by_country[country]), rng.choice([1, 1, 1, 2])))
    hosts = rng.sample(by_country[host], min(len(by_country[host]), rng.choice([0, 1, 1, 2])))
    date, year = edtf(rng)
    city = rng.choice(CITIES[host])
    kind = rng.choice(VISIT_TYPES)
    title = rng.choice(VISIT_TITLES).format(v=visitors[0][1], city=city, host=hosts[0][1] if hosts else f"{host} officials",
                                            topic=rng.choice(TOPICS), kind=kind, country=host, event=rng.choice(EVENTS))
    v = {"key": f"{{p}}-{index}", "officialIds": [o[0] for o in visitors], "hostCountry": host, "date": date, "title": title,
         "sources": sources(rng, year, index)}
    if rng.random() < 0.9:
        v["city"] = city
    if hosts:
        v["hostOfficialIds"] = [o[0] for o in hosts]
    if rng.random() < 0.7:
        v["visitType"] = kind
    if rng.random() < 0.5:
        v["description"] = f"Talks covered {rng.choice(TOPICS)}, {rng.choice(TOPICS)} and {rng.choice(TOPICS)}."
    if rng.random() < 0.1:
        v["tripId"] = f"trip-{index // 3}"
    if rng.random() < 0.6:
        v["tags"] = rng.sample(TAGS, rng.randint(1, 3))
    return v


def arms_delivery(index, rng):
    if rng.random() < 0.4:
        supplier, recipient = "RU", "CN"
    else:
        supplier = rng.choice(SUPPLIERS)
        recipient = pick_country(rng, supplier)
    system, category = rng.choice(SYSTEMS)
    date, year = edtf(rng)
    a = {"key": f"{{p}}-{index}", "supplier": supplier, "recipient": recipient, "system": system, "date": date,
         "sources": sources(rng, year, index)}
    if rng.random() < 0.85:
        a["category"] = category
    if rng.random() < 0.7:
        a["quantity"] = rng.randint(1, 120)
        if rng.random() < 0.3:
            a["quantityApproximate"] = True
    if rng.random() < 0.4:
        a["contract"] = {"name": f"{max(FIRST_YEAR, year - 2)} {system} contract", "signedOn": f"{max(FIRST_YEAR, year - rng.randint(1, 3))}"}
    if rng.random() < 0.3:
        a["description"] = f"Part of a programme on {rng.choice(TOPICS)}."
    if rng.random() < 0.4:
        a["tags"] = ["defence"]
    return a


def joint_statement(index, rng, by_country):
    first, second = pair(rng)
    countries = [first, second]
    if rng.random() < 0.2:
        third = pick_country(rng, first)
        if third not in countries:
            countries.append(third)
    signatories = [rng.choice(by_country[c])[0] for c in countries if rng.random() < 0.8]
    date, year = edtf(rng)
    place = rng.choice(countries)
    s = {"key": f"{{p}}-{index}", "countries": countries, "title": rng.choice(STATEMENT_TITLES).format(topic=rng.choice(TOPICS).title(), n=rng.randint(2, 29)),
         "date": date, "place": {"country": place, "city": rng.choice(CITIES[place])}, "sources": sources(rng, year, index)}
    if signatories:
        s["signatoryIds"] = signatories
    if rng.random() < 0.6:
        s["summary"] = f"The sides agreed to deepen cooperation in {rng.choice(TOPICS)} and {rng.choice(TOPICS)}."
    if rng.random() < 0.5:
        s["tags"] = rng.sample(TAGS, rng.randint(1, 2))
    return s


def kind_of(index):
    r = index % 10
    return "visits" if r < 6 else "armsDeliveries" if r < 8 else "jointStatements"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entries", type=int, required=True, help="size of the whole data set")
    ap.add_argument("--first", type=int, default=0, help="index of the first entry of this file (a slice)")
    ap.add_argument("--count", type=int, help="entries in this file (default: all from --first)")
    ap.add_argument("--officials", type=int, help="officials (default: entries/500, between 60 and 2,000)")
    ap.add_argument("--seed", type=int, default=20180608)
    ap.add_argument("--prefix", default="bench", help="prefix of the entry keys")
    ap.add_argument("--out", default="-", help="output file (default: stdout)")
    ap.add_argument("--ids-out", help="also write the entry ids of this file, one a line, in index order")
    args = ap.parse_args()
    count = args.count if args.count is not None else args.entries - args.first
    last = min(args.entries, args.first + count)
    officials_count = args.officials or max(60, min(2000, args.entries // 500))

    officials, by_country = make_officials(officials_count, random.Random(args.seed))
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    dump = lambda o: json.dumps(o, ensure_ascii=False, separators=(",", ":"))
    out.write('{"description":' + dump(f"Generated by scripts/bench-generate.py: entries {args.first}..{last - 1} of {args.entries}, seed {args.seed}.") + ',\n')
    out.write('"officials":[\n' + ",\n".join(dump(o) for o in officials) + "\n]")
    for section in ("visits", "armsDeliveries", "jointStatements"):
        out.write(f',\n"{section}":[\n')
        first_item = True
        for index in range(args.first, last):
            if kind_of(index) != section:
                continue
            rng = random.Random(args.seed * 1_000_003 + index)
            item = (visit(index, rng, by_country) if section == "visits"
                    else arms_delivery(index, rng) if section == "armsDeliveries"
                    else joint_statement(index, rng, by_country))
            item["key"] = f"{args.prefix}-{index}"
            out.write(("" if first_item else ",\n") + dump(item))
            first_item = False
        out.write("\n]")
    out.write("}\n")
    if out is not sys.stdout:
        out.close()
    if args.ids_out:
        with open(args.ids_out, "w", encoding="ascii") as ids:
            for index in range(args.first, last):
                ids.write(str(uuid.uuid5(SEED_NAMESPACE, f"{args.prefix}-{index}")) + "\n")


if __name__ == "__main__":
    main()
