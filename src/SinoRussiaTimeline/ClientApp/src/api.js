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

export const entryPath = (id) => `/entries/${encodeURIComponent(id)}`;
export const officialPath = (id) => `/officials/${encodeURIComponent(id)}`;
