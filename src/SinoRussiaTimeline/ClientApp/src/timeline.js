import { h, replace } from './dom.js';
import { getJson } from './api.js';
import { formatInstant } from './dates.js';
import { entryCard } from './entryCard.js';
import { DEFAULT_COUNTRIES, KINDS, readFilters, toQuery, toApiQuery, asOfFromInput, asOfToInput } from './filters.js';
import { chronologyCheck } from './chronology.js';
import { yearChart } from './chart.js';

// Pages of this size keep a 10,000-entry timeline fast: the API pages by keyset, and the page asks for more on demand.
const PAGE_SIZE = 50;
let officialsCache = null;

async function officials() {
  officialsCache ??= getJson('/api/officials', 'limit=500').then((page) => page.items).catch(() => []);
  return officialsCache;
}

function pairTitle(countries) {
  const codes = countries.split(',').filter(Boolean);
  return codes.length ? `Timeline: ${codes.join('–')}` : 'Timeline: all countries';
}

function field(label, input, hint) {
  const id = input.id;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    input,
    hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null);
}

function filterForm(filters, navigate, officialList) {
  const [a = '', b = ''] = filters.countries.split(',');
  const country = (id, value, label) => field(label, h('input', {
    id, name: id, value, maxlength: 2, size: 3, autocomplete: 'off', pattern: '[A-Za-z]{2}', 'aria-describedby': 'countries-hint',
  }));
  const officialSelect = h('select', { id: 'officialId', name: 'officialId' },
    h('option', { value: '' }, 'Any official'),
    officialList.toSorted((x, y) => x.names.en.localeCompare(y.names.en))
      .map((o) => h('option', { value: o.id, selected: o.id === filters.officialId }, o.names.en)));
  if (filters.officialId && !officialList.some((o) => o.id === filters.officialId))
    officialSelect.append(h('option', { value: filters.officialId, selected: true }, filters.officialId));

  const form = h('form', { id: 'filters', class: 'filters', role: 'search', 'aria-label': 'Timeline filters' },
    h('fieldset', { class: 'pair' },
      h('legend', {}, 'Countries'),
      country('country-a', a, 'First country'),
      country('country-b', b, 'Second country'),
      h('span', { class: 'hint', id: 'countries-hint' }, 'Two-letter codes (CN, RU, IN, US…); leave both empty for every country.')),
    h('fieldset', { class: 'period' },
      h('legend', {}, 'Period'),
      field('From', h('input', { id: 'from', name: 'from', value: filters.from, placeholder: '2013', 'aria-describedby': 'period-hint', autocomplete: 'off' })),
      field('To', h('input', { id: 'to', name: 'to', value: filters.to, placeholder: '2018-06', 'aria-describedby': 'period-hint', autocomplete: 'off' })),
      h('span', { class: 'hint', id: 'period-hint' }, 'A year, month or day: 2018, 2018-04, 2018-04-08.')),
    h('fieldset', { class: 'kinds' },
      h('legend', {}, 'Kinds'),
      KINDS.map((k) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'kinds', value: k.value, checked: filters.kinds.length === 0 || filters.kinds.includes(k.value) }), ` ${k.label}`))),
    h('div', { class: 'row' },
      field('Official', officialSelect),
      field('Text', h('input', { id: 'q', name: 'q', type: 'search', value: filters.q, placeholder: 'Shoigu, Moscow, S-400…' })),
      field('As of (UTC)', h('input', { id: 'asOf', name: 'asOf', type: 'datetime-local', step: '0.001', value: asOfToInput(filters.asOf), 'aria-describedby': 'asOf-hint' }),
        'The timeline as the service knew it at that moment; empty for now.'),
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'includeRetracted', id: 'includeRetracted', checked: filters.includeRetracted }), ' Include retracted entries')),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'apply-filters' }, 'Show'),
      h('a', { href: '/', class: 'reset' }, 'Reset filters')));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const codes = [data.get('country-a'), data.get('country-b')].map((c) => String(c ?? '').trim().toUpperCase()).filter(Boolean);
    const next = {
      countries: codes.join(','),
      from: String(data.get('from') ?? '').trim(),
      to: String(data.get('to') ?? '').trim(),
      kinds: data.getAll('kinds').map(String),
      officialId: String(data.get('officialId') ?? ''),
      q: String(data.get('q') ?? '').trim(),
      asOf: asOfFromInput(String(data.get('asOf') ?? '')),
      includeRetracted: data.get('includeRetracted') !== null,
    };
    const query = toQuery(next).toString();
    navigate(query ? `/?${query}` : '/');
  });
  return form;
}

function exportLinks(filters) {
  const query = toApiQuery(filters).toString();
  const withQuery = (path) => (query ? `${path}?${query}` : path);
  const link = (href, text, file, note) => h('li', {}, h('a', { href, download: file, class: 'export-link' }, text), note ? ` ${note}` : null);
  return h('section', { class: 'exports', 'aria-labelledby': 'exports-heading' },
    h('h2', { id: 'exports-heading' }, 'Export this view'),
    h('ul', {},
      link(withQuery('/api/timeline.csv'), 'CSV', 'timeline.csv', 'for a spreadsheet'),
      link(withQuery('/api/timeline/timelinejs'), 'TimelineJS', 'timeline.json', 'to embed in a story'),
      filters.officialId ? link(`/api/officials/${encodeURIComponent(filters.officialId)}/itinerary.ics`, 'Itinerary (ICS)', `${filters.officialId}.ics`, 'for a calendar') : null,
      link('/api/feed.atom', 'Latest changes (Atom)', 'changes.atom', 'for a feed reader')));
}

function activeCount(filters) {
  return [filters.countries !== DEFAULT_COUNTRIES, filters.from, filters.to, filters.kinds.length > 0 && filters.kinds.length < KINDS.length,
    filters.officialId, filters.q, filters.asOf, filters.includeRetracted].filter(Boolean).length;
}

export async function renderTimeline(main, search, navigate) {
  const filters = readFilters(search);
  const status = h('p', { class: 'status', role: 'status', id: 'results-status' }, 'Loading entries…');
  const list = h('div', { class: 'years', id: 'results' });
  const more = h('button', { type: 'button', id: 'load-more', class: 'load-more', hidden: true }, 'Load more entries');
  const chronology = chronologyCheck();
  const chart = h('section', { class: 'chart', 'aria-labelledby': 'chart-heading' }, h('h2', { id: 'chart-heading' }, 'Entries per year, by kind'));

  // Wide screens: the controls in a column beside the entries; phones: one column, controls first.
  replace(main, h('div', { class: 'timeline-layout' },
    h('div', { class: 'timeline-heading' },
      h('h1', {}, pairTitle(filters.countries)),
      filters.asOf ? h('p', { class: 'as-of-banner', id: 'as-of-banner' }, `As recorded at ${formatInstant(filters.asOf)}: later entries and corrections are not shown.`) : null),
    h('div', { class: 'controls' },
      // On a phone the filters fold away under their summary, so the entries come first; on a wide screen they stay open.
      h('details', { class: 'filters-toggle', open: window.matchMedia('(min-width: 64rem)').matches },
        h('summary', {}, 'Filters', activeCount(filters) ? ` (${activeCount(filters)} set)` : ''),
        filterForm(filters, navigate, await officials())),
      exportLinks(filters)),
    h('div', { class: 'content' },
      chart,
      h('section', { class: 'results', 'aria-labelledby': 'results-heading' },
        h('h2', { id: 'results-heading' }, 'Entries'),
        status, list, more)),
    h('div', { class: 'tools' }, chronology.element)));

  const apiQuery = toApiQuery(filters);
  const shown = [];
  let cursor = null;
  const yearSections = new Map();

  const addItems = (items) => {
    for (const entry of items) {
      const year = entry.date.earliest.slice(0, 4).replace(/^0+/, '');
      let group = yearSections.get(year);
      if (!group) {
        group = h('ol', { class: 'entries' });
        list.append(h('section', { class: 'year', 'aria-labelledby': `y-${year}` }, h('h3', { id: `y-${year}`, class: 'year-heading' }, year), group));
        yearSections.set(year, group);
      }
      group.append(h('li', {}, entryCard(entry, 'h4')));
      shown.push(entry);
    }
    chronology.setEntries(shown);
  };

  const loadPage = async () => {
    more.disabled = true;
    const params = new URLSearchParams(apiQuery);
    params.set('limit', String(PAGE_SIZE));
    if (cursor) params.set('cursor', cursor);
    try {
      const page = await getJson('/api/timeline', params);
      addItems(page.items);
      cursor = page.nextCursor;
      more.hidden = !cursor;
      status.textContent = shown.length === 0
        ? 'No entries match these filters.'
        : `${shown.length} ${shown.length === 1 ? 'entry' : 'entries'} shown${cursor ? '; more below' : ''}.`;
    } catch (error) {
      status.textContent = `Could not load the timeline: ${error.message}`;
      status.classList.add('error');
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', loadPage);
  // The counts load beside the first page rather than after it; the chart's space is reserved, so nothing jumps.
  const counts = yearChart(chart, apiQuery);
  await loadPage();
  await counts;
}

