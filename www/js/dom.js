/**
 * DOM helpers that never parse HTML: every string becomes a text node or an attribute value.
 * Scenario names, file contents, engine messages and URL parameters are untrusted.
 */

/**
 * Creates an HTML element.
 * @param {string} tag
 * @param {Record<string, any>} [attrs] attributes; `class` is a string, `on*` are listeners,
 *   `text` sets textContent, booleans toggle the attribute, null/undefined are skipped
 * @param {...(Node|string|null|undefined|false)} children strings become text nodes
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/**
 * Creates an SVG element.
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {...(Node|string|null|undefined|false)} children
 * @returns {SVGElement}
 */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') el.textContent = String(v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/**
 * Removes every child of an element.
 * @param {Element} el
 */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/**
 * Selects one element; throws when the page lacks it (a programming error, not input).
 * @param {string} sel
 * @param {ParentNode} [root]
 * @returns {HTMLElement}
 */
export function $(sel, root = document) {
  const el = root.querySelector(sel);
  if (!el) throw new Error(`page element missing: ${sel}`);
  return /** @type {HTMLElement} */ (el);
}
