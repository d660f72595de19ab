// Dates at their true precision, from the EDTF text the API returns: "April 2018", "c. 2013", "1–8 April 2018", "2018?".
// The API also sends a ready-made `display`; it is the fallback for forms this reader does not know (seasons, X digits).
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const POINT = /^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%])?$/;
const QUALIFIERS = { '?': 'uncertain', '~': 'approximate', '%': 'uncertainAndApproximate' };

function parsePoint(text) {
  const match = POINT.exec(text);
  if (!match) return null;
  const [, year, month, day, mark] = match;
  const m = month ? Number(month) : null;
  if (m !== null && (m < 1 || m > 12)) return null;
  return { year: Number(year), month: m, day: day ? Number(day) : null, qualifier: mark ? QUALIFIERS[mark] : null };
}

function qualify(text, qualifier) {
  if (qualifier === 'approximate') return `c. ${text}`;
  if (qualifier === 'uncertain') return `${text}?`;
  if (qualifier === 'uncertainAndApproximate') return `c. ${text}?`;
  return text;
}

function plain(p) {
  if (p.day !== null) return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
  if (p.month !== null) return `${MONTHS[p.month - 1]} ${p.year}`;
  return String(p.year);
}

// Two ends joined with a dash, spaced once either end has a space ("28 March – 3 April 2018", "2013?–2015"): the
// service's own display text follows the same rule.
function joinRange(from, to) {
  return from.includes(' ') || to.includes(' ') ? `${from} – ${to}` : `${from}–${to}`;
}

function range(a, b) {
  const sameYear = a.year === b.year;
  if (sameYear && a.day !== null && b.day !== null && a.month === b.month) return `${a.day}–${b.day} ${MONTHS[a.month - 1]} ${a.year}`;
  if (sameYear && a.day !== null && b.day !== null) return `${a.day} ${MONTHS[a.month - 1]} – ${b.day} ${MONTHS[b.month - 1]} ${a.year}`;
  if (sameYear && a.day === null && b.day === null && a.month !== null && b.month !== null) return `${MONTHS[a.month - 1]}–${MONTHS[b.month - 1]} ${a.year}`;
  if (a.month === null && b.month === null) return `${a.year}–${b.year}`;
  return joinRange(plain(a), plain(b));
}

/** Human text for an API date object ({edtf, precision, qualifier, display, ...}). */
export function formatDate(date) {
  if (!date) return '';
  const text = date.edtf ?? '';
  if (!text.includes('/')) {
    const p = parsePoint(text);
    return p ? qualify(plain(p), p.qualifier) : date.display ?? text;
  }
  const [startText, endText] = text.split('/');
  const start = parsePoint(startText);
  if (!start) return date.display ?? text;
  if (endText === '..' || endText === '') return `from ${qualify(plain(start), start.qualifier)}`;
  const end = parsePoint(endText);
  if (!end) return date.display ?? text;
  // "2018/2018" is a valid interval of one point: say the point once, not "2018–2018" or "1–1 April 2018".
  if (startText === endText) return qualify(plain(start), start.qualifier);
  return start.qualifier === end.qualifier
    ? qualify(range(start, end), start.qualifier)
    : joinRange(qualify(plain(start), start.qualifier), qualify(plain(end), end.qualifier));
}

/** A calendar date from the API ("2018-06-08") as "8 June 2018". */
export function formatDay(isoDay) {
  const p = isoDay ? parsePoint(isoDay) : null;
  return p ? plain(p) : isoDay ?? '';
}

/** An instant as "28 November 2026, 15:26:54 UTC": journalists compare it with the "as of" control, which is in UTC. */
export function formatInstant(instant) {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  const time = d.toISOString().slice(11, 19);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${time} UTC`;
}
