/**
 * A small strict XML reader for tests: elements, attributes, text, comments, CDATA and the XML declaration.
 * It throws on anything not well-formed (mismatched or unclosed tags, unquoted or repeated attributes, bad entities).
 */

/** One element: its qualified name, attributes, child elements and direct text. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  /** 1-based line of the start tag. */
  line: number;
}

const NAME = /[A-Za-z_][\w.:-]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string, line: number): string {
  return s.replace(/&([^;&\s]*);?/g, (m, body: string) => {
    if (!m.endsWith(';')) throw new Error(`line ${line}: bare '&' (write &amp;)`);
    if (body in ENTITIES) return ENTITIES[body];
    const num = /^#(x[0-9a-fA-F]+|\d+)$/.exec(body);
    if (num) return String.fromCodePoint(num[1][0] === 'x' ? parseInt(num[1].slice(1), 16) : Number(num[1]));
    throw new Error(`line ${line}: unknown entity &${body};`);
  });
}

/** Parses a whole document and returns its root element. */
export function parseXml(src: string): XmlElement {
  let i = 0;
  const lineAt = (p: number): number => src.slice(0, p).split('\n').length;
  const fail = (msg: string): never => {
    throw new Error(`line ${lineAt(i)}: ${msg}`);
  };
  const readName = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(src);
    if (!m) fail('name expected');
    i += m![0].length;
    return m![0];
  };
  const skipWs = (): void => {
    while (i < src.length && /\s/.test(src[i])) i++;
  };
  const skipMisc = (): void => {
    for (;;) {
      skipWs();
      if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i + 4);
        if (end < 0) fail('unclosed comment');
        i = end + 3;
      } else if (src.startsWith('<?', i)) {
        const end = src.indexOf('?>', i + 2);
        if (end < 0) fail('unclosed processing instruction');
        i = end + 2;
      } else return;
    }
  };
  if (src.charCodeAt(0) === 0xfeff) i = 1;
  if (!src.startsWith('<?xml', i)) fail('XML declaration expected');
  skipMisc();
  if (src.startsWith('<!DOCTYPE', i)) fail('DOCTYPE not allowed');

  const element = (): XmlElement => {
    const line = lineAt(i);
    if (src[i] !== '<') fail("'<' expected");
    i++;
    const name = readName();
    const el: XmlElement = { name, attrs: {}, children: [], text: '', line };
    for (;;) {
      const before = i;
      skipWs();
      if (src.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (src[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail(`space expected in <${name}>`);
      const attr = readName();
      skipWs();
      if (src[i] !== '=') fail(`'=' expected after ${attr}`);
      i++;
      skipWs();
      const q = src[i];
      if (q !== '"' && q !== "'") fail(`attribute ${attr} must be quoted`);
      const end = src.indexOf(q, i + 1);
      if (end < 0) fail(`unclosed value of ${attr}`);
      const raw = src.slice(i + 1, end);
      if (raw.includes('<')) fail(`'<' in the value of ${attr}`);
      if (attr in el.attrs) fail(`attribute ${attr} repeated on <${name}>`);
      el.attrs[attr] = decode(raw, lineAt(i));
      i = end + 1;
    }
    for (;;) {
      if (i >= src.length) fail(`<${name}> (line ${line}) is not closed`);
      if (src.startsWith('</', i)) {
        i += 2;
        const close = readName();
        if (close !== name) fail(`</${close}> closes <${name}> of line ${line}`);
        skipWs();
        if (src[i] !== '>') fail("'>' expected");
        i++;
        return el;
      }
      if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i + 4);
        if (end < 0) fail('unclosed comment');
        i = end + 3;
      } else if (src.startsWith('<![CDATA[', i)) {
        const end = src.indexOf(']]>', i);
        if (end < 0) fail('unclosed CDATA');
        el.text += src.slice(i + 9, end);
        i = end + 3;
      } else if (src[i] === '<') {
        el.children.push(element());
      } else {
        const next = src.indexOf('<', i);
        const end = next < 0 ? src.length : next;
        el.text += decode(src.slice(i, end), lineAt(i));
        i = end;
      }
    }
  };
  const root = element();
  skipMisc();
  if (i < src.length) fail('content after the root element');
  return root;
}

/** Every element of the tree, depth first, the root included. */
export function allElements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    out.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}

/** The child elements of `el` with this name. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** The element reached by following child names from `el`; throws when a step is missing. */
export function path(el: XmlElement, ...names: string[]): XmlElement {
  let cur = el;
  for (const n of names) {
    const next = cur.children.find((c) => c.name === n);
    if (!next) throw new Error(`<${cur.name}> (line ${cur.line}) has no <${n}>`);
    cur = next;
  }
  return cur;
}
