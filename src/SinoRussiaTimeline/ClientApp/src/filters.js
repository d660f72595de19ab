// Every filter lives in the query string, under the API's own parameter names, so a copied link reproduces the view and
// the export links can pass the same string on.
export const KINDS = [
  { value: 'visit', label: 'Visits' },
  { value: 'armsDelivery', label: 'Arms deliveries' },
  { value: 'jointStatement', label: 'Joint statements' },
];
export const KIND_LABEL = { visit: 'Visit', armsDelivery: 'Arms delivery', jointStatement: 'Joint statement' };
export const DEFAULT_COUNTRIES = 'CN,RU';

export function readFilters(search) {
  const p = new URLSearchParams(search);
  return {
    // Absent means the default pair; present but empty means every country.
    countries: p.has('countries') ? p.get('countries') : DEFAULT_COUNTRIES,
    from: p.get('from') ?? '',
    to: p.get('to') ?? '',
    kinds: (p.get('kinds') ?? '').split(',').filter(Boolean),
    officialId: p.get('officialId') ?? '',
    q: p.get('q') ?? '',
    asOf: p.get('asOf') ?? '',
    includeRetracted: p.get('includeRetracted') === 'true',
  };
}

/** The filters as a query string the API accepts; the page's URL uses the same one. */
export function toQuery(filters) {
  const p = new URLSearchParams();
  if (filters.countries !== DEFAULT_COUNTRIES) p.set('countries', filters.countries);
  if (filters.from) p.set('from', filters.from);
  if (filters.to) p.set('to', filters.to);
  if (filters.kinds.length > 0 && filters.kinds.length < KINDS.length) p.set('kinds', filters.kinds.join(','));
  if (filters.officialId) p.set('officialId', filters.officialId);
  if (filters.q) p.set('q', filters.q);
  if (filters.asOf) p.set('asOf', filters.asOf);
  if (filters.includeRetracted) p.set('includeRetracted', 'true');
  return p;
}

/** The API needs the countries sent explicitly (the default pair is the page's choice, not the API's). */
export function toApiQuery(filters) {
  const p = toQuery(filters);
  if (filters.countries) p.set('countries', filters.countries);
  else p.delete('countries');
  return p;
}

/** A datetime-local value (UTC, as labelled) to RFC 3339, and back. */
export function asOfFromInput(value) {
  if (!value) return '';
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  return `${withSeconds}Z`;
}

export function asOfToInput(asOf) {
  if (!asOf) return '';
  const d = new Date(asOf);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 23);
}
