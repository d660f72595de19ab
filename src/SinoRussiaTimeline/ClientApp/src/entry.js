import { h, joined, replace } from './dom.js';
import { asOfQuery, getJson, timelinePath } from './api.js';
import { formatDate, formatInstant } from './dates.js';
import { dateElement, officialsList, placeText, sourcesList, statusBadge } from './entryCard.js';
import { KIND_LABEL } from './filters.js';

const EVENT_LABEL = (type) => {
  if (type.endsWith('_recorded')) return 'Recorded';
  if (type.endsWith('_corrected')) return 'Corrected';
  if (type.endsWith('_retracted')) return 'Retracted';
  return type;
};

// A changed field's value as a reader wants it: a date at its precision, sources by title, lists joined.
function showValue(value) {
  if (value === null || value === undefined || value === '') return '(none)';
  if (Array.isArray(value)) return value.length ? value.map(showValue).join('; ') : '(none)';
  if (typeof value === 'object') {
    if (value.edtf) return formatDate(value);
    if (value.title) return [value.title, value.publisher].filter(Boolean).join(', ');
    if (value.city || value.country) return [value.city, value.country].filter(Boolean).join(', ');
    return JSON.stringify(value);
  }
  if (typeof value === 'string' && /^-?\d{4}(-\d{2}){0,2}[?~%]?(\/.*)?$/.test(value)) return `${formatDate({ edtf: value, display: value })} (${value})`;
  return String(value);
}

function version(entry, heading, id) {
  return h('section', { class: 'version', 'aria-labelledby': id },
    h('h3', { id }, heading),
    h('dl', {},
      h('dt', {}, 'Date'), h('dd', {}, dateElement(entry.date)),
      h('dt', {}, 'Title'), h('dd', { class: 'version-title' }, entry.title),
      h('dt', {}, 'Place'), h('dd', {}, placeText(entry.place) || '(none)'),
      entry.description ? [h('dt', {}, 'Description'), h('dd', {}, entry.description)] : null,
      h('dt', {}, 'Sources'), h('dd', {}, entry.sources.map((s) => s.title).join('; '))));
}

export async function renderEntry(main, id, asOf) {
  const path = `/api/entries/${encodeURIComponent(id)}`;
  const [entry, history] = await Promise.all([getJson(`${path}${asOfQuery()}`), getJson(`${path}/history`)]);
  document.title = `${entry.title} — SinoRussiaTimeline`;
  const items = history.items;
  const first = items[0]?.entry;
  const changed = items.some((i) => i.type.endsWith('_corrected') || i.type.endsWith('_retracted'));

  replace(main, 
    h('p', { class: 'back' }, h('a', { href: timelinePath() }, '← Timeline')),
    asOf ? h('p', { class: 'as-of-banner', id: 'as-of-banner' }, `The entry as recorded at ${formatInstant(asOf)}. `,
      h('a', { href: `/entries/${encodeURIComponent(id)}` }, 'See it as it stands now'), '. The history below is complete.') : null,
    h('article', { class: `entry-page entry-${entry.status}` },
      h('p', { class: 'entry-meta' }, joined([dateElement(entry.date), h('span', { class: `kind kind-${entry.kind}` }, KIND_LABEL[entry.kind] ?? entry.kind), statusBadge(entry.status)])),
      h('h1', {}, entry.title),
      h('p', { class: 'edtf' }, `Date as recorded (EDTF): `, h('code', {}, entry.date.edtf), ` — between ${entry.date.earliest} and ${entry.date.latest ?? 'an open end'}.`),
      entry.place ? h('p', { class: 'place' }, placeText(entry.place)) : null,
      entry.description ? h('p', { class: 'description' }, entry.description) : null,
      h('h2', {}, 'Officials'), officialsList(entry.officials) ?? h('p', {}, 'None named.'),
      h('h2', {}, 'Sources'), sourcesList(entry.sources),
      entry.sources.some((s) => s.quote) ? h('ul', { class: 'quotes', 'aria-label': 'Quotes from the sources' },
        entry.sources.filter((s) => s.quote).map((s) => h('li', {}, h('blockquote', {}, s.quote), h('p', { class: 'quote-source' }, `— ${s.publisher}`)))) : null),
    h('section', { class: 'history', 'aria-labelledby': 'history-heading' },
      h('h2', { id: 'history-heading' }, 'History'),
      changed && first
        ? h('div', { class: 'versions' }, version(first, 'As first reported', 'first-reported'), version(entry, asOf ? 'As it stood at that moment' : entry.status === 'retracted' ? 'As retracted' : 'As corrected', 'as-corrected'))
        : h('p', {}, 'Unchanged since it was first recorded.'),
      h('ol', { class: 'events' }, items.map((item) => h('li', { class: 'event' },
        h('p', {}, h('strong', {}, EVENT_LABEL(item.type)), ` on ${formatInstant(item.recordedAt)} by `, h('span', { class: 'recorded-by' }, item.recordedBy ?? 'unknown'), ` (version ${item.version})`),
        item.reason ? h('p', { class: 'reason' }, `Reason: ${item.reason}`) : null,
        item.changes?.length ? h('table', { class: 'changes' },
          h('caption', {}, `What changed in version ${item.version}`),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Before'), h('th', { scope: 'col' }, 'After'))),
          h('tbody', {}, item.changes.map((c) => h('tr', {}, h('th', { scope: 'row' }, c.field), h('td', {}, showValue(c.before)), h('td', {}, showValue(c.after)))))) : null)))));
}
