#!/usr/bin/env python3
"""Corrects entries through the API, as editors would: POST /api/entries/{id}/corrections with If-Match "1".

Usage: scripts/bench-correct.py BASE_URL API_KEY IDS_FILE COUNT [CLIENTS]
Takes every k-th id of IDS_FILE so that COUNT entries spread over the whole data set are corrected, with CLIENTS
(default 8) keep-alive connections. Prints "corrected N in S s (R/s)"; exits 1 if any correction failed.
The bench uses it to make "10% of entries corrected after the asOf instant" (docs/performance.md).
"""
import http.client
import json
import random
import sys
import threading
import time
import urllib.parse


def main():
    base, key, ids_file, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    clients = int(sys.argv[5]) if len(sys.argv) > 5 else 8
    with open(ids_file, encoding="ascii") as f:
        ids = [line.strip() for line in f if line.strip()]
    step = max(1, len(ids) // max(1, count))
    # A random offset, so that a rerun on a kept store (BENCH_REUSE) corrects other entries than the last run did.
    chosen = ids[random.randrange(step)::step][:count]
    url = urllib.parse.urlsplit(base)
    body = json.dumps({
        "changes": {"title": "Corrected after the bench's asOf instant"},
        "reason": "The ministry's own release gives a different headline.",
        "sources": [{"title": "Ministry release", "publisher": "Ministry of Foreign Affairs", "publishedOn": "2024-05-16", "language": "en"}],
    }).encode()
    failures, done, skipped, lock = [], [0], [0], threading.Lock()

    def work(part):
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        for entry_id in part:
            conn.request("POST", f"/api/entries/{entry_id}/corrections", body=body,
                         headers={"Content-Type": "application/json", "X-Api-Key": key, "If-Match": '"1"'})
            response = conn.getresponse()
            response.read()
            with lock:
                done[0] += 1
                if response.status == 412:
                    skipped[0] += 1  # corrected by an earlier run on a kept store: already at version 2
                elif response.status not in (200, 201):
                    failures.append((entry_id, response.status))

    started = time.monotonic()
    threads = [threading.Thread(target=work, args=(chosen[i::clients],)) for i in range(clients)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        time.sleep(1)
        n = done[0]
        width = 30
        filled = int(width * n / max(1, len(chosen)))
        sys.stderr.write(f"\r  corrections [{'#' * filled}{'.' * (width - filled)}] {n:,}/{len(chosen):,}")
        sys.stderr.flush()
    sys.stderr.write("\n")
    seconds = time.monotonic() - started
    corrected = len(chosen) - len(failures) - skipped[0]
    print(f"corrected {corrected} in {seconds:.1f} s ({corrected / seconds:.0f}/s); {skipped[0]} already corrected by an earlier run")
    if failures:
        print(f"{len(failures)} corrections failed, e.g. {failures[:3]}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
