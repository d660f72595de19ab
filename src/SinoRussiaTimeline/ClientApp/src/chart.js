import { h, svg } from './dom.js';
import { getJson } from './api.js';
import { KINDS } from './filters.js';

// Colours chosen for contrast against white (each at least 3:1, as non-text graphics need) and told apart by a legend.
const COLOURS = { visit: '#1f5fa8', armsDelivery: '#b3401a', jointStatement: '#2e7d32' };

/** A stacked bar per year, drawn as SVG by hand, with the same counts in a table for screen readers and copying. */
export async function yearChart(section, apiQuery) {
  const params = new URLSearchParams(apiQuery);
  let stats;
  try {
    stats = await getJson('/api/timeline/stats', params);
  } catch (error) {
    section.append(h('p', { class: 'error' }, `Could not load the counts: ${error.message}`));
    return;
  }
  const years = stats.years;
  if (years.length === 0) {
    section.append(h('p', {}, 'No entries to count.'));
    return;
  }
  const total = (y) => KINDS.reduce((sum, k) => sum + y[k.value], 0);
  const max = Math.max(...years.map(total));
  const barWidth = 28;
  const gap = 10;
  const height = 110;
  const top = 16;
  const bottom = 28;
  const left = 32;
  const width = left + years.length * (barWidth + gap);
  const scale = (n) => (n / max) * height;

  const bars = years.flatMap((y, i) => {
    let offset = 0;
    const x = left + i * (barWidth + gap);
    const rects = KINDS.filter((k) => y[k.value] > 0).map((k) => {
      const hgt = scale(y[k.value]);
      offset += hgt;
      return svg('rect', { x, y: top + height - offset, width: barWidth, height: hgt, fill: COLOURS[k.value] },
        svg('title', {}, `${y.year}: ${y[k.value]} ${k.label.toLowerCase()}`));
    });
    return [...rects,
      svg('text', { x: x + barWidth / 2, y: top + height + 16, 'text-anchor': 'middle', class: 'axis' }, String(y.year)),
      svg('text', { x: x + barWidth / 2, y: top + height - offset - 4, 'text-anchor': 'middle', class: 'count' }, String(total(y)))];
  });
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${top + height + bottom}`, width, height: top + height + bottom, role: 'img', class: 'year-chart',
    'aria-labelledby': 'chart-heading',
  }, svg('line', { x1: left - 4, x2: width, y1: top + height, y2: top + height, stroke: '#555' }), bars);

  section.append(
    h('ul', { class: 'legend' }, KINDS.map((k) => h('li', {}, svg('svg', { width: 12, height: 12, 'aria-hidden': 'true' }, svg('rect', { width: 12, height: 12, fill: COLOURS[k.value] })), ` ${k.label}`))),
    // Many years make the chart wider than a phone: it scrolls in its own box, which the keyboard can reach and scroll.
    h('div', { class: 'chart-scroll', tabindex: 0, role: 'region', 'aria-label': 'Chart of entries per year; scroll sideways for more years' }, chart),
    h('details', {}, h('summary', {}, 'The counts as a table'),
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Year'), KINDS.map((k) => h('th', { scope: 'col' }, k.label)), h('th', { scope: 'col' }, 'All'))),
        h('tbody', {}, years.map((y) => h('tr', {}, h('th', { scope: 'row' }, String(y.year)), KINDS.map((k) => h('td', {}, String(y[k.value]))), h('td', {}, String(total(y)))))))));
}
