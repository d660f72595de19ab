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

/** Two pickers over the entries shown and the chronology route's verdict with its reason. */
export function chronologyCheck() {
  const first = h('select', { id: 'chronology-a', name: 'a' });
  const second = h('select', { id: 'chronology-b', name: 'b' });
  const verdict = h('div', { id: 'chronology-verdict', class: 'verdict', role: 'status' });
  const form = h('form', { class: 'chronology-form' },
    h('div', { class: 'field' }, h('label', { for: 'chronology-a' }, 'Is this entry'), first),
    h('div', { class: 'field' }, h('label', { for: 'chronology-b' }, 'before or after this one?'), second),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'chronology-check' }, 'Check the order')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!first.value || !second.value) return;
    verdict.textContent = 'Checking…';
    try {
      const result = await getJson('/api/chronology', new URLSearchParams({ a: first.value, b: second.value }));
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
    h('p', {}, 'Pick two of the entries listed. Dates known only to the month or year often cannot be ordered; the answer says why.'),
    form, verdict);

  const setEntries = (entries) => {
    for (const [select, index] of [[first, 0], [second, 1]]) {
      const keep = select.value;
      select.replaceChildren(...entries.map((e) => h('option', { value: e.id }, `${formatDate(e.date)} — ${e.title}`)));
      if (keep && entries.some((e) => e.id === keep)) select.value = keep;
      else if (entries[index]) select.value = entries[index].id;
    }
  };
  return { element, setEntries };
}
