// Builds elements from data without innerHTML, so nothing an entry says (titles, quotes, URLs) can run as markup.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';

export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

function setAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
}

export function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Separates non-empty parts with a middle dot, for one-line metadata. */
export function joined(parts, separator = ' · ') {
  const present = parts.filter((p) => p !== undefined && p !== null && p !== false && p !== '');
  return present.flatMap((p, i) => (i === 0 ? [p] : [separator, p]));
}

/** Replaces an element's content, skipping absent parts (null, false) as h() does. */
export function replace(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}
