import type { Handler, Props, ViewElement, ViewNode, ViewEvent } from './view-node.js';

/** The props last applied to each element, and the handlers its listeners call. */
const applied = new WeakMap<Element, Props>();
const handlers = new WeakMap<Element, Map<string, Handler>>();

// Drop targets must cancel these events, or the browser opens the dropped file itself.
const CANCELLED = new Set(['dragover', 'drop']);

function viewEvent(ev: Event): ViewEvent {
  const el = ev.currentTarget as HTMLInputElement;
  const dropped = (ev as DragEvent).dataTransfer;
  const files = el.files ?? dropped?.files;
  const out: ViewEvent = { value: typeof el.value === 'string' ? el.value : '', checked: el.checked === true, files: files ? Array.from(files) : [] };
  if (el instanceof HTMLDetailsElement) out.open = el.open;
  // The items of a drop can be read only while its event lasts; their entries (folders too) stay readable after.
  if (ev.type === 'drop' && dropped?.items) {
    out.entries = Array.from(dropped.items)
      .map((item) => (item.kind === 'file' && typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null))
      .filter((e): e is FileSystemEntry => e !== null);
  }
  return out;
}

function listen(el: Element, type: string, handler: Handler): void {
  let map = handlers.get(el);
  if (!map) handlers.set(el, (map = new Map()));
  if (!map.has(type)) {
    el.addEventListener(type, (ev) => {
      if (CANCELLED.has(type)) ev.preventDefault();
      handlers.get(el)?.get(type)?.(viewEvent(ev));
      // A file input forgets its choice once handed on, so choosing the same file again (after Cancel, or to read
      // a file changed on disk) is a change too.
      if (type === 'change' && el instanceof HTMLInputElement && el.type === 'file') el.value = '';
    });
  }
  map.set(type, handler);
}

function sameElement(dom: Node, node: ViewElement): boolean {
  if (!(dom instanceof Element) || dom.localName !== node.tag) return false;
  const before = applied.get(dom) ?? {};
  // A file input cannot become a date input and keep its state: another type or key means another element.
  return before.key === node.props.key && before.type === node.props.type;
}

function patchProps(el: Element, props: Props): void {
  const before = applied.get(el) ?? {};
  for (const k of Object.keys(before)) {
    if (k in props) continue;
    if (k.startsWith('on')) handlers.get(el)?.delete(k.slice(2).toLowerCase());
    else if (k !== 'key' && k !== 'value' && k !== 'checked') el.removeAttribute(k);
  }
  for (const [k, v] of Object.entries(props)) {
    if (k === 'key' || k === 'value') continue;
    if (typeof v === 'function') listen(el, k.slice(2).toLowerCase(), v);
    else if (k === 'checked') (el as HTMLInputElement).checked = v === true;
    else if (v === null || v === undefined || v === false) el.removeAttribute(k);
    else {
      const text = v === true ? '' : String(v);
      if (el.getAttribute(k) !== text) el.setAttribute(k, text);
    }
  }
}

function patch(el: Element, node: ViewElement): void {
  patchProps(el, node.props);
  patchChildren(el, node.children);
  // After the children, so a select's options exist when its value is set; an unchanged value is left alone, so
  // typing is not disturbed.
  if ('value' in node.props) {
    const input = el as HTMLInputElement;
    const value = String(node.props.value ?? '');
    if (input.value !== value) input.value = value;
  }
  applied.set(el, node.props);
}

function create(node: ViewNode): Node {
  if (typeof node === 'string') return document.createTextNode(node);
  const el = document.createElement(node.tag);
  patch(el, node);
  return el;
}

function patchChildren(parent: Element, nodes: readonly ViewNode[]): void {
  const existing = Array.from(parent.childNodes);
  nodes.forEach((node, i) => {
    const dom = existing[i];
    if (!dom) parent.appendChild(create(node));
    else if (typeof node === 'string') {
      if (dom.nodeType !== Node.TEXT_NODE) parent.replaceChild(create(node), dom);
      else if ((dom as Text).data !== node) (dom as Text).data = node;
    } else if (sameElement(dom, node)) patch(dom as Element, node);
    else parent.replaceChild(create(node), dom);
  });
  for (const dom of existing.slice(nodes.length)) dom.remove();
}

/**
 * Brings the children of `root` in line with a view description, reusing the elements already there where tag,
 * type and key agree, so focus, caret and scroll positions survive a re-render.
 */
export function render(root: Element, nodes: readonly ViewNode[]): void {
  patchChildren(root, nodes);
}
