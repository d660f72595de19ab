import { h } from './dom.js';
import { getJson } from './api.js';
import { formatDate } from './dates.js';

const VERDICT = {
  before: 'Before',
  after: 'After',
  sameDay: 'Same day',
  overlapping: 'Cannot tell: the dates overlap',
  indeterminate: 'Cannot tell',
};

const SEARCH_LIMIT = 50;
// An entry id, alone or inside a pasted link (/entries/<id>, with or without ?asOf=…).
const ENTRY_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const optionFor = (entry) => h('option', { value: entry.id }, `${formatDate(entry.date)} — ${entry.title}`);

/**
 * One side of the check: a picker that starts with the entries listed on the page, and a search box that looks further,
 * across every entry and country, by words (the timeline's `q` filter) or by an entry's id or link.
 */
function side(key, pickLabel, searchLabel, buttonLabel) {
  const select = h('select', { id: `chronology-${key}`, name: key });
  const found = h('p', { class: 'hint', id: `chronology-${key}-found`, role: 'status' });
  const input = h('input', {
    type: 'search', id: `chronology-${key}-search`, autocomplete: 'off', enterkeyhint: 'search',
    'aria-describedby': `chronology-${key}-hint chronology-${key}-found`,
  });
  const button = h('button', { type: 'button', 'aria-label': buttonLabel }, 'Find');
  let listed = [];
  let searched = false;

  const fill = (entries) => select.replaceChildren(...entries.map(optionFor));

  const search = async () => {
    const text = input.value.trim();
    if (!text) {
      // An empty search goes back to the entries listed on the page.
      searched = false;
      const keep = select.value;
      fill(listed);
      if (listed.some((e) => e.id === keep)) select.value = keep;
      found.textContent = '';
      return;
    }
    found.textContent = 'Searching…';
    try {
      const id = ENTRY_ID.exec(text)?.[0];
      let entries;
      let more = false;
      if (id) {
        entries = [await getJson(`/api/entries/${encodeURIComponent(id)}`)];
      } else {
        const page = await getJson('/api/timeline', new URLSearchParams({ q: text, limit: String(SEARCH_LIMIT) }));
        entries = page.items;
        more = Boolean(page.nextCursor);
      }
      searched = true;
      fill(entries);
      found.textContent = entries.length === 0
        ? `No entry matches “${text}”.`
        : `${entries.length}${more ? '+' : ''} ${entries.length === 1 ? 'entry matches' : 'entries match'}; pick one above.${more ? ' Add words to narrow the search.' : ''}`;
    } catch (error) {
      found.textContent = error.status === 404 ? 'No entry has that id.' : `Could not search: ${error.message}`;
    }
  };
  button.addEventListener('click', search);
  // Enter in the search box searches; it must not submit the check with a half-chosen pair.
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      search();
    }
  });

  const element = h('fieldset', { class: 'chronology-side' },
    h('legend', {}, key === 'a' ? 'First entry' : 'Second entry'),
    h('div', { class: 'field' }, h('label', { for: select.id }, pickLabel), select),
    h('div', { class: 'field' },
      h('label', { for: input.id }, searchLabel),
      h('span', { class: 'hint', id: `chronology-${key}-hint` }, 'Words from its title, place or officials, or its id or link. Empty: the entries listed.'),
      h('div', { class: 'search-row' }, input, button),
      found));

  // The timeline calls this as pages load; a side showing search results keeps them.
  const setListed = (entries, index) => {
    listed = entries;
    if (searched) return;
    const keep = select.value;
    fill(entries);
    if (keep && entries.some((e) => e.id === keep)) select.value = keep;
    else if (entries[index]) select.value = entries[index].id;
  };
  return { element, select, setListed };
}

/** Two pickers (the entries shown, or any found by search) and the chronology route's verdict with its reason. */
export function chronologyCheck() {
  const first = side('a', 'Is this entry', 'Search for the first entry', 'Find the first entry');
  const second = side('b', 'before or after this one?', 'Search for the second entry', 'Find the second entry');
  const verdict = h('div', { id: 'chronology-verdict', class: 'verdict', role: 'status' });
  const form = h('form', { class: 'chronology-form' },
    first.element, second.element,
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'chronology-check' }, 'Check the order')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!first.select.value || !second.select.value) {
      verdict.textContent = 'Pick an entry on each side first.';
      return;
    }
    verdict.textContent = 'Checking…';
    try {
      const result = await getJson('/api/chronology', new URLSearchParams({ a: first.select.value, b: second.select.value }));
      verdict.replaceChildren(
        h('p', { class: `verdict-${result.relation}` }, h('strong', {}, VERDICT[result.relation] ?? result.relation), ': ',
          `“${result.a.title}” (${formatDate(result.a.date)}) against “${result.b.title}” (${formatDate(result.b.date)}).`),
        h('p', { class: 'reason' }, `Reason: ${result.reason}`));
    } catch (error) {
      verdict.textContent = `Could not check: ${error.message}`;
    }
  });
  const element = h('section', { class: 'chronology', 'aria-labelledby': 'chronology-heading' },
    h('h2', { id: 'chronology-heading' }, 'Chronology check'),
    h('p', {}, 'Pick two entries: from those listed, or search for any entry. Dates known only to the month or year often cannot be ordered; the answer says why.'),
    form, verdict);

  const setEntries = (entries) => {
    first.setListed(entries, 0);
    second.setListed(entries, 1);
  };
  return { element, setEntries };
}
