// The page reads only the public JSON API, as any client would.
export class ApiError extends Error {
  constructor(status, problem) {
    const fieldErrors = problem?.errors ? Object.entries(problem.errors).map(([field, messages]) => `${field}: ${[].concat(messages).join(' ')}`) : [];
    super([problem?.title ?? `The service answered ${status}.`, problem?.detail, ...fieldErrors].filter(Boolean).join(' '));
    this.status = status;
  }
}

export async function getJson(path, params) {
  const query = params ? `?${params}` : '';
  const response = await fetch(`${path}${query}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not JSON: the status says enough */ }
    throw new ApiError(response.status, problem);
  }
  return response.json();
}

// While a view shows the past ("as of" an instant), links to entries and officials carry that instant, so following
// them stays in the same moment rather than jumping to the present.
let viewAsOf = '';
export function setViewAsOf(asOf) { viewAsOf = asOf ?? ''; }
export function asOfQuery(prefix = '?') { return viewAsOf ? `${prefix}asOf=${encodeURIComponent(viewAsOf)}` : ''; }

export const entryPath = (id) => `/entries/${encodeURIComponent(id)}${asOfQuery()}`;
export const officialPath = (id) => `/officials/${encodeURIComponent(id)}${asOfQuery()}`;
export const timelinePath = () => `/${asOfQuery()}`;
