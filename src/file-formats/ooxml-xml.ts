// Small string-level XML helpers for editing the SpreadsheetML parts SheetJS writes: the parts stay text, only the
// elements we add or change are touched, so everything else in a part keeps its exact bytes.

/** Escapes text for an XML text node. */
export function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes text for a double-quoted XML attribute value. */
export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** Decodes the five predefined entities and numeric character references of an attribute value or text node. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e as 'amp'];
  });
}

/** One direct child element of an element: its name and where its markup starts and ends in the text. */
interface XmlChild {
  name: string;
  start: number;
  end: number;
}

/** An element located in a text: its open tag, its content and its direct children. */
export interface XmlElement {
  name: string;
  /** Index of `<` of the open tag. */
  start: number;
  /** Index just after the open tag's `>`. */
  openEnd: number;
  /** Index of `<` of the close tag (equal to `openEnd` and `end` for an empty `<x/>`). */
  closeStart: number;
  /** Index just after the element. */
  end: number;
  selfClosing: boolean;
  children: XmlChild[];
}

// Attribute values may hold `>` (legal XML), so the tag pattern reads quoted values as a whole.
const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>/g;

// Elements whose content is never needed here and can be huge: skipped in one jump (they never nest in themselves).
const OPAQUE = new Set(['sheetData']);

/** Locates the first element at or after `from` (the root when `from` is 0) and lists its direct children. */
export function readElement(xml: string, from = 0): XmlElement {
  const re = new RegExp(TAG.source, 'g');
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  let el: XmlElement | undefined;
  let depth = 0;
  let child: XmlChild | undefined;
  while ((m = re.exec(xml))) {
    if (m[2] === undefined) continue;
    const [whole, closing, name, , selfClose] = m;
    if (!el) {
      if (closing) throw new Error(`unexpected </${name}> in XML`);
      el = { name, start: m.index, openEnd: m.index + whole.length, closeStart: -1, end: -1, selfClosing: !!selfClose, children: [] };
      if (selfClose) {
        el.closeStart = el.end = el.openEnd;
        return el;
      }
      depth = 1;
      continue;
    }
    if (closing) {
      depth--;
      if (depth === 0) {
        el.closeStart = m.index;
        el.end = m.index + whole.length;
        return el;
      }
      if (depth === 1 && child) {
        child.end = m.index + whole.length;
        el.children.push(child);
        child = undefined;
      }
      continue;
    }
    if (depth === 1) {
      child = { name, start: m.index, end: -1 };
      if (selfClose) {
        child.end = m.index + whole.length;
        el.children.push(child);
        child = undefined;
        continue;
      }
      if (OPAQUE.has(name)) {
        const close = xml.indexOf(`</${name}>`, re.lastIndex);
        if (close < 0) throw new Error(`unterminated <${name}> in XML`);
        child.end = close + name.length + 3;
        el.children.push(child);
        child = undefined;
        re.lastIndex = close + name.length + 3;
        continue;
      }
    }
    if (!selfClose) depth++;
  }
  throw new Error(el ? `unterminated <${el.name}> in XML` : 'no element in XML');
}

/** The root element of a part, refusing prefixed SpreadsheetML (`<x:worksheet>`), which the edits here do not write. */
export function readRoot(xml: string, expected: string): XmlElement {
  const root = readElement(xml);
  if (root.name !== expected) throw new Error(`expected a <${expected}> part, found <${root.name}>`);
  return root;
}

/** The value of an attribute in an open tag (decoded), or undefined. */
export function getAttr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(openTag(tag));
  return m ? unescapeXml(m[1] ?? m[2]) : undefined;
}

/** An element's open tag with one attribute set (added at the end, or its value replaced); `undefined` removes it. */
export function setAttr(element: string, name: string, value: string | undefined): string {
  const tag = openTag(element);
  const re = new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"[^"]*"|'[^']*')`);
  let next: string;
  if (re.test(tag)) next = tag.replace(re, value === undefined ? '' : ` ${name}="${escapeXmlAttr(value)}"`);
  else if (value === undefined) next = tag;
  else next = tag.replace(/\s*(\/?)>$/, ` ${name}="${escapeXmlAttr(value)}"$1>`);
  return next + element.slice(tag.length);
}

/** The open tag at the start of an element's markup. */
export function openTag(element: string): string {
  const re = new RegExp(TAG.source, 'g');
  const m = re.exec(element);
  if (!m || m.index !== 0 || m[2] === undefined || m[1]) throw new Error('not an element');
  return m[0];
}

/**
 * Puts `markup` into the element as its child `name` at the position a schema sequence requires: it replaces the
 * existing child of that name, or goes before the first child that the order places after it. Children the order
 * does not name are left where they are.
 */
export function putChild(xml: string, el: XmlElement, order: readonly string[], name: string, markup: string): string {
  const rank = order.indexOf(name);
  if (rank < 0) throw new Error(`<${name}> is not a child of <${el.name}>`);
  const existing = el.children.filter((c) => c.name === name);
  if (existing.length > 0) {
    const first = existing[0];
    const last = existing[existing.length - 1];
    return xml.slice(0, first.start) + markup + xml.slice(last.end);
  }
  const after = el.children.find((c) => order.indexOf(c.name) > rank);
  if (el.selfClosing) {
    const tag = xml.slice(el.start, el.end);
    const open = tag.replace(/\s*\/>$/, '>');
    return xml.slice(0, el.start) + open + markup + `</${el.name}>` + xml.slice(el.end);
  }
  const at = after ? after.start : el.closeStart;
  return xml.slice(0, at) + markup + xml.slice(at);
}

/** Removes every direct child of that name. */
export function removeChildren(xml: string, el: XmlElement, name: string): string {
  let out = xml;
  for (const c of [...el.children].reverse()) if (c.name === name) out = out.slice(0, c.start) + out.slice(c.end);
  return out;
}
