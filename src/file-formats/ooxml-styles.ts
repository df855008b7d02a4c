import { getAttr, putChild, readElement, readRoot, setAttr, type XmlElement } from './ooxml-xml.js';

/** How a cell looks beyond its value and number format: a solid background, a bold font, a font colour. */
export interface CellLook {
  /** Background colour, RGB hex (`FFC7CE` or `#FFC7CE`), filled solid. */
  fill?: string;
  /** Bold font. */
  bold?: boolean;
  /** Font colour, RGB hex. */
  color?: string;
}

// ECMA-376 Part 1, §18.8.39 styleSheet (CT_Stylesheet): the children of the styles part, in schema order.
const STYLESHEET_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

// ECMA-376 Part 1, §18.8.22 font (CT_Font): Excel writes the font properties in this order; other readers expect it.
const FONT_ORDER = ['b', 'i', 'strike', 'condense', 'extend', 'outline', 'shadow', 'u', 'vertAlign', 'sz', 'color', 'name', 'family', 'charset', 'scheme'];

// Excel specifications and limits, "Unique cell formats/cell styles: 64,000":
// https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3
const MAX_CELL_FORMATS = 64_000;

/** Normalises an RGB colour to the ARGB form SpreadsheetML stores (ECMA-376 Part 1, §18.8.19 color, `rgb`: ARGB hex). */
function argb(color: string): string {
  const hex = color.replace(/^#/, '').toUpperCase();
  if (/^[0-9A-F]{6}$/.test(hex)) return `FF${hex}`;
  if (/^[0-9A-F]{8}$/.test(hex)) return hex;
  throw new Error(`not an RGB colour: '${color}' (expected RRGGBB)`);
}

interface List {
  /** The list element's open tag as written (its `count` is rewritten). */
  open: string;
  items: string[];
  added: boolean;
}

function readList(xml: string, root: XmlElement, name: string): List {
  const child = root.children.find((c) => c.name === name);
  if (!child) throw new Error(`the styles part has no <${name}>`);
  const el = readElement(xml, child.start);
  const open = xml.slice(el.start, el.openEnd).replace(/\s*\/>$/, '>');
  return { open, items: el.children.map((c) => xml.slice(c.start, c.end)), added: false };
}

function listMarkup(name: string, list: List): string {
  return `${setAttr(list.open, 'count', String(list.items.length))}${list.items.join('')}</${name}>`;
}

function childrenOf(markup: string): { name: string; markup: string }[] {
  const el = readElement(markup);
  return el.children.map((c) => ({ name: c.name, markup: markup.slice(c.start, c.end) }));
}

/**
 * Adds fills, fonts and cell formats to a styles part (`xl/styles.xml`) and hands out the cell format for a cell whose
 * current format is `base` with a look applied: the new format copies the base one (number format, alignment, border)
 * and changes only font and fill, so a date or percent cell keeps its number format.
 */
export class StyleSheetEditor {
  private readonly fonts: List;
  private readonly fills: List;
  private readonly xfs: List;
  private readonly fillIds = new Map<string, number>();
  private readonly fontIds = new Map<string, number>();
  private readonly xfIds = new Map<string, number>();

  /** Reads the fonts, fills and cell formats of the part. */
  constructor(private readonly xml: string) {
    const root = readRoot(xml, 'styleSheet');
    this.fonts = readList(xml, root, 'fonts');
    this.fills = readList(xml, root, 'fills');
    this.xfs = readList(xml, root, 'cellXfs');
  }

  /** The index of a cell format that is `base` with the look applied (added once per distinct base and look). */
  formatFor(base: number, look: CellLook): number {
    const key = `${base}|${look.fill ?? ''}|${look.bold ?? ''}|${look.color ?? ''}`;
    const known = this.xfIds.get(key);
    if (known !== undefined) return known;
    let xf = this.xfs.items[base] ?? this.xfs.items[0];
    if (xf === undefined) throw new Error('the styles part has no cell format');
    if (look.fill !== undefined) {
      xf = setAttr(setAttr(xf, 'fillId', String(this.fillFor(look.fill))), 'applyFill', '1');
    }
    if (look.bold !== undefined || look.color !== undefined) {
      const font = Number(getAttr(xf, 'fontId') ?? 0);
      xf = setAttr(setAttr(xf, 'fontId', String(this.fontFor(font, look))), 'applyFont', '1');
    }
    if (this.xfs.items.length >= MAX_CELL_FORMATS) throw new Error(`more than ${MAX_CELL_FORMATS} cell formats`);
    const id = this.xfs.items.push(xf) - 1;
    this.xfs.added = true;
    this.xfIds.set(key, id);
    return id;
  }

  /** The styles part with the added entries and updated counts. */
  toXml(): string {
    let xml = this.xml;
    for (const [name, list] of [['fonts', this.fonts], ['fills', this.fills], ['cellXfs', this.xfs]] as const) {
      if (list.added) xml = putChild(xml, readRoot(xml, 'styleSheet'), STYLESHEET_ORDER, name, listMarkup(name, list));
    }
    return xml;
  }

  private fillFor(color: string): number {
    const rgb = argb(color);
    let id = this.fillIds.get(rgb);
    if (id === undefined) {
      // ECMA-376 Part 1, §18.8.32 patternFill: a solid fill paints the cell in its foreground colour (fgColor).
      id = this.fills.items.push(`<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/></patternFill></fill>`) - 1;
      this.fills.added = true;
      this.fillIds.set(rgb, id);
    }
    return id;
  }

  private fontFor(base: number, look: CellLook): number {
    const rgb = look.color === undefined ? undefined : argb(look.color);
    const key = `${base}|${look.bold ?? ''}|${rgb ?? ''}`;
    let id = this.fontIds.get(key);
    if (id === undefined) {
      const source = this.fonts.items[base] ?? this.fonts.items[0] ?? '<font/>';
      let props = childrenOf(source);
      if (look.bold !== undefined) props = props.filter((p) => p.name !== 'b');
      if (rgb !== undefined) props = props.filter((p) => p.name !== 'color');
      if (look.bold) props.push({ name: 'b', markup: '<b/>' });
      if (rgb !== undefined) props.push({ name: 'color', markup: `<color rgb="${rgb}"/>` });
      const rank = (n: string) => (FONT_ORDER.includes(n) ? FONT_ORDER.indexOf(n) : FONT_ORDER.length);
      props.sort((a, b) => rank(a.name) - rank(b.name));
      id = this.fonts.items.push(`<font>${props.map((p) => p.markup).join('')}</font>`) - 1;
      this.fonts.added = true;
      this.fontIds.set(key, id);
    }
    return id;
  }
}
