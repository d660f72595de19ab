import { h, joined } from './dom.js';
import { formatDate, formatDay } from './dates.js';
import { entryPath, officialPath } from './api.js';
import { KIND_LABEL } from './filters.js';

const ROLE = { visitor: 'visitor', host: 'host', signatory: 'signatory' };

export function statusBadge(status) {
  if (status === 'corrected') return h('span', { class: 'badge badge-corrected' }, 'Corrected');
  if (status === 'retracted') return h('span', { class: 'badge badge-retracted' }, 'Retracted');
  return null;
}

export function dateElement(date) {
  return h('time', { datetime: date.earliest, title: `EDTF ${date.edtf}`, class: 'entry-date' }, formatDate(date));
}

export function placeText(place) {
  if (!place) return '';
  return place.city ? `${place.city}, ${place.countryName}` : place.countryName;
}

export function officialsList(officials) {
  if (!officials?.length) return null;
  return h('ul', { class: 'officials', 'aria-label': 'Officials' },
    officials.map((o) => h('li', {},
      h('a', { href: officialPath(o.id) }, o.name),
      o.nameZh ? [' ', h('span', { lang: 'zh', class: 'name-zh' }, o.nameZh)] : null,
      o.nameRu ? [' ', h('span', { lang: 'ru', class: 'name-ru' }, o.nameRu)] : null,
      o.role ? h('span', { class: 'role' }, ` (${ROLE[o.role] ?? o.role})`) : null)));
}

export function sourcesList(sources) {
  if (!sources?.length) return null;
  return h('ul', { class: 'sources', 'aria-label': 'Sources' },
    sources.map((s) => h('li', {},
      s.url ? h('a', { href: s.url, rel: 'noopener noreferrer', class: 'source-link' }, s.title) : h('span', {}, s.title),
      h('span', { class: 'source-meta' }, ' — ', joined([s.publisher, s.publishedOn ? `published ${formatDay(s.publishedOn)}` : null], ', ')))));
}

/** One entry in a list: date at its precision, kind, title linking to its page, place, officials, sources, status. */
export function entryCard(entry, headingLevel = 'h3') {
  return h('article', { class: `entry entry-${entry.status}`, 'data-entry-id': entry.id, 'aria-labelledby': `t-${entry.id}` },
    h('p', { class: 'entry-meta' }, joined([
      dateElement(entry.date),
      h('span', { class: `kind kind-${entry.kind}` }, KIND_LABEL[entry.kind] ?? entry.kind),
      statusBadge(entry.status),
    ])),
    h(headingLevel, { class: 'entry-title', id: `t-${entry.id}` }, h('a', { href: entryPath(entry.id) }, entry.title)),
    entry.place ? h('p', { class: 'place' }, placeText(entry.place)) : null,
    officialsList(entry.officials),
    entry.sources?.length ? h('p', { class: 'list-label' }, entry.sources.length === 1 ? 'Source' : 'Sources') : null,
    sourcesList(entry.sources));
}
