// Small DOM helpers shared by the pages: element builders, the alert region, busy buttons, forms, tables.
// No inline handlers anywhere: the Content-Security-Policy forbids them.

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function apply(node, props) {
  for (const [name, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.setAttribute('class', value);
    else if (name === 'text') node.textContent = value;
    else if (name === 'on') for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    else if (name === 'value' || name === 'checked' || name === 'selected') node[name] = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
}

/** An HTML element: el('button', { class: 'primary', on: { click } }, 'Save'). */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  apply(node, props);
  append(node, children);
  return node;
}

/** Replaces a node's children; null, undefined and false children are left out (replaceChildren would print "null"). */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** An SVG element, attributes as for el(). */
export function svg(tag, props, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  apply(node, props);
  append(node, children);
  return node;
}

/** Shows an error in the page's alert region as "Type: Message" (ApiError) or its message. */
export function showError(error) {
  const region = document.getElementById('alert');
  const type = error && error.type ? error.type : 'Error';
  const message = error && error.message ? error.message : String(error);
  region.replaceChildren(
    el('p', {}, el('strong', { class: 'error-type' }, type), ': ', el('span', { class: 'error-message' }, message)),
    el('button', { type: 'button', class: 'link', on: { click: clearAlert } }, 'Dismiss'));
  region.hidden = false;
  if (!(error && error.type)) console.warn(error); // an unexpected exception, not an API answer
}

export function clearAlert() {
  const region = document.getElementById('alert');
  region.replaceChildren();
  region.hidden = true;
}

/**
 * Runs `work` for a button press: clears the alert, disables the button and marks `busyRegion` (or the
 * button) aria-busy meanwhile, and shows any error. Resolves to the work's result, or undefined on error.
 */
export async function guard(button, work, busyRegion) {
  clearAlert();
  const region = busyRegion || button;
  if (button) button.disabled = true;
  if (region) region.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } catch (error) {
    showError(error);
    return undefined;
  } finally {
    if (button) button.disabled = false;
    if (region) region.removeAttribute('aria-busy');
  }
}

/** A labelled form field: label, the control, an optional hint tied to it with aria-describedby. */
export function field(labelText, control, hint) {
  const wrapper = el('div', { class: 'field' }, el('label', { for: control.id }, labelText), control);
  if (hint) {
    const hintId = `${control.id}-hint`;
    wrapper.append(el('p', { class: 'hint', id: hintId }, hint));
    control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), hintId].filter(Boolean).join(' '));
  }
  return wrapper;
}

/** A <select> with options given as values or [value, label] pairs. */
export function select(props, options) {
  return el('select', props, options.map((option) => {
    const [value, label] = Array.isArray(option) ? option : [option, option];
    return el('option', { value }, label);
  }));
}

/** A section with an h2 that labels it. */
export function section(id, title, ...children) {
  return el('section', { id, class: 'panel', 'aria-labelledby': `${id}-title` }, el('h2', { id: `${id}-title` }, title), ...children);
}

/** A description list of [term, value] pairs; pairs whose value is null or undefined are left out. */
export function details(pairs, className) {
  return el('dl', { class: className || 'facts' }, pairs
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
}

/**
 * A table in a keyboard-scrollable container (phones scroll it sideways): `columns` are [header, cell(row)]
 * pairs, a cell returning text or a node.
 */
export function dataTable(id, caption, columns, rows) {
  const table = el('table', { id },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, columns.map(([header]) => el('th', { scope: 'col' }, header)))),
    el('tbody', {}, rows.map((row) => el('tr', {}, columns.map(([, cell]) => el('td', {}, cell(row) ?? ''))))));
  return el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': caption }, table);
}

/** A live region for the results of an async action. */
export function liveRegion(id) {
  return el('div', { id, class: 'result', 'aria-live': 'polite' });
}

const IMAGE_LIMIT = 5 * 1024 * 1024; // Rekognition's limit for Image.Bytes

/** The file's bytes in base64 (Image.Bytes), after checking it is a JPEG or PNG of at most 5 MB. */
export function readImage(file) {
  if (!file) return Promise.reject(new Error('Choose a photo first.'));
  if (file.type && !/^image\/(jpeg|png)$/.test(file.type)) {
    return Promise.reject(Object.assign(new Error(`${file.name} is ${file.type}; Likeness reads JPEG and PNG photos.`), { type: 'InvalidImageFormatException' }));
  }
  if (file.size > IMAGE_LIMIT) {
    return Promise.reject(Object.assign(new Error(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB; images are limited to 5 MB.`), { type: 'ImageTooLargeException' }));
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** A percentage with one decimal: 99.2%. */
export function percent(value) {
  return `${Number(value).toFixed(1)}%`;
}

/** A date-time as local "YYYY-MM-DD HH:MM:SS" (unambiguous in every locale), or the text as given when it does not parse. */
export function when(value) {
  if (!value) return '';
  const date = new Date(typeof value === 'number' ? value * 1000 : value);
  if (Number.isNaN(date.getTime())) return String(value);
  const two = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** The first characters of a long id, the whole one in a tooltip. */
export function shortId(id, length = 12) {
  if (!id) return '';
  return id.length <= length ? id : el('span', { title: id }, `${id.slice(0, length)}…`);
}

export function yesNo(value) {
  return value ? 'yes' : 'no';
}

/** Whether the signed-in key has a role ('reviewer', 'governance'). */
export function hasRole(whoami, role) {
  return Boolean(whoami && Array.isArray(whoami.Roles) && whoami.Roles.includes(role));
}

/** The registered use cases (Likeness.Governance.Profiles.UseCases), for selects. */
export const USE_CASES = [
  'missing-person-identification',
  'anti-trafficking-victim-identification',
  'consented-identity-verification',
  'photo-organisation',
  'public-safety-investigation',
  'research',
];
