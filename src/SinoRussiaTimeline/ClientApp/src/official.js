import { h, joined, replace } from './dom.js';
import { asOfQuery, getJson, entryPath, timelinePath } from './api.js';
import { formatDate, formatInstant } from './dates.js';
import { dateElement, entryCard } from './entryCard.js';

function tenure(office) {
  return office.to ? `${formatDate(office.from)} – ${formatDate(office.to)}` : `since ${formatDate(office.from)}`;
}

function tripLink(entry) {
  return h('span', {}, dateElement(entry.date), ' ', h('a', { href: entryPath(entry.id) }, entry.title));
}

function finding(item) {
  const office = item.office;
  let answer;
  if (item.ambiguous) {
    answer = [h('p', { class: 'ambiguous' }, h('strong', {}, 'Ambiguous: '), item.explanation),
      h('ul', { class: 'candidates', 'aria-label': 'Candidates' }, item.candidates.map((c) => h('li', {}, tripLink(c))))];
  } else if (item.trip) {
    answer = [h('p', {}, h('strong', {}, 'First trip: '), tripLink(item.trip)), h('p', { class: 'explanation' }, item.explanation),
      h('p', { class: 'evidence-heading' }, 'Evidence:'),
      h('ul', { class: 'sources' }, item.trip.sources.map((s) => h('li', {}, s.url ? h('a', { href: s.url, rel: 'noopener noreferrer' }, s.title) : s.title, ` — ${s.publisher}`,
        s.quote ? h('blockquote', {}, s.quote) : null)))];
  } else {
    answer = [h('p', {}, h('strong', {}, 'No recorded trip: '), item.explanation)];
  }
  return h('li', { class: 'finding' }, h('h3', {}, office.title), h('p', { class: 'tenure' }, tenure(office)), answer);
}

export async function renderOfficial(main, id, asOf) {
  const path = `/api/officials/${encodeURIComponent(id)}`;
  const [official, itinerary, trips] = await Promise.all([getJson(path), getJson(`${path}/itinerary${asOfQuery()}`), getJson(`${path}/first-overseas-trips${asOfQuery()}`)]);
  document.title = `${official.names.en} — SinoRussiaTimeline`;
  replace(main, 
    h('p', { class: 'back' }, h('a', { href: timelinePath() }, '← Timeline')),
    asOf ? h('p', { class: 'as-of-banner', id: 'as-of-banner' }, `The itinerary and first trips as recorded at ${formatInstant(asOf)}. `,
      h('a', { href: `/officials/${encodeURIComponent(id)}` }, 'See them as they stand now'), '.') : null,
    h('h1', {}, official.names.en),
    h('p', { class: 'names' }, joined([
      official.names.zh ? h('span', { lang: 'zh' }, official.names.zh) : null,
      official.names.ru ? h('span', { lang: 'ru' }, official.names.ru) : null,
      official.countryName ?? official.country])),
    official.aliases?.length ? h('p', {}, `Also written: ${official.aliases.join(', ')}`) : null,
    h('p', {}, h('a', { href: `/?countries=&officialId=${encodeURIComponent(id)}${asOfQuery('&')}` }, 'Every entry naming this official'), ' · ',
      h('a', { href: `${path}/itinerary.ics`, download: `${id}.ics`, class: 'export-link' }, 'Itinerary (ICS)'), ' for a calendar'),
    h('section', { 'aria-labelledby': 'offices-heading' },
      h('h2', { id: 'offices-heading' }, 'First overseas trip in each office'),
      trips.items.length ? h('ul', { class: 'findings' }, trips.items.map(finding)) : h('p', {}, 'No offices recorded.')),
    h('section', { 'aria-labelledby': 'itinerary-heading' },
      h('h2', { id: 'itinerary-heading' }, 'Itinerary'),
      itinerary.visits.length ? h('ol', { class: 'entries itinerary' }, itinerary.visits.map((v) => h('li', {}, entryCard(v)))) : h('p', {}, 'No visits recorded.')));
}
