// The journalists' page: three views (timeline, entry, official) under real URLs, switched without reloading.
import { h, replace } from './dom.js';
import { renderTimeline } from './timeline.js';
import { renderEntry } from './entry.js';
import { renderOfficial } from './official.js';
import { setViewAsOf } from './api.js';

const main = document.getElementById('main');

// Each view is built off-screen and shown only if no later navigation started meanwhile: a slow answer for a page the
// reader has already left must not replace the page they are on.
let generation = 0;

async function render() {
  const mine = ++generation;
  const { pathname, search } = window.location;
  const entry = /^\/entries\/([^/]+)$/.exec(pathname);
  const official = /^\/officials\/([^/]+)$/.exec(pathname);
  const asOf = new URLSearchParams(search).get('asOf');
  const view = document.createElement('div');
  setViewAsOf(asOf);
  main.setAttribute('aria-busy', 'true');
  try {
    if (entry) await renderEntry(view, decodeURIComponent(entry[1]), asOf);
    else if (official) await renderOfficial(view, decodeURIComponent(official[1]), asOf);
    else {
      document.title = 'SinoRussiaTimeline';
      await renderTimeline(view, search, navigate);
    }
  } catch (error) {
    replace(view, h('h1', {}, error.status === 404 ? 'Not found' : 'Something went wrong'), h('p', { class: 'error' }, error.message), h('p', {}, h('a', { href: '/' }, 'Back to the timeline')));
  }
  if (mine !== generation) return;
  main.replaceChildren(...view.childNodes);
  main.removeAttribute('aria-busy');
  document.body.dataset.ready = 'true';
}

export function navigate(url) {
  history.pushState(null, '', url);
  document.body.dataset.ready = 'false';
  render().then(() => {
    // A new view starts at its top, and a screen reader starts reading there.
    window.scrollTo(0, 0);
    main.focus({ preventScroll: true });
  });
}

// Links to the page's own views switch in place; the API, exports and Swagger are ordinary navigations or downloads.
document.addEventListener('click', (event) => {
  const link = event.target.closest?.('a[href]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (link.hasAttribute('download') || link.target || link.getAttribute('href').startsWith('#')) return;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin || !/^\/($|\?|entries\/|officials\/)/.test(url.pathname)) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});
window.addEventListener('popstate', () => {
  document.body.dataset.ready = 'false';
  render();
});
render();
