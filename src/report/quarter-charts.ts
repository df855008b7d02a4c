import { escapeHtml as h } from './safe-text.js';

/** A colour as `#rrggbb`. */
type Hex = string;

function channel(v: number): number {
  const c = v / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function luminance(hex: Hex): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** The WCAG contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: Hex, b: Hex): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** The text colour of the pages. */
export const INK = '#1b1f24';
const WHITE = '#ffffff';

/** The text colour (ink or white) that reads best on a background. */
function textOn(bg: Hex): Hex {
  return contrastRatio(INK, bg) >= contrastRatio(WHITE, bg) ? INK : WHITE;
}

/** One step of the heat map's sequential scale: the counts it holds, its label and colours. */
export interface HeatBin {
  min: number;
  max: number;
  label: string;
  bg: Hex;
  fg: Hex;
}

// A sequential blue scale (ColorBrewer Blues); zero is grey on purpose, so an empty cell never reads as "a little".
const HEAT: readonly [number, number, string, Hex, Hex?][] = [
  [0, 0, '0', '#eef0f3', '#4d5661'],
  [1, 1, '1', '#deebf7'],
  [2, 2, '2', '#9ecae1'],
  [3, 4, '3–4', '#6baed6'],
  [5, 9, '5–9', '#2171b5'],
  [10, Infinity, '≥ 10', '#08306b'],
];

/** The heat map's scale, lowest first; the text colour of each step meets WCAG AA on its background. */
export const HEAT_BINS: readonly HeatBin[] = HEAT.map(([min, max, label, bg, fg]) => ({ min, max, label, bg, fg: fg ?? textOn(bg) }));

/** The index in `HEAT_BINS` of a count. */
export function heatBin(n: number): number {
  return HEAT_BINS.findIndex((b) => n >= b.min && n <= b.max);
}

/** One series of a stacked bar chart: its label and fill. */
export interface Series {
  label: string;
  colour: Hex;
}

/** One bar of a stacked bar chart: its label and one value per series. */
interface Bar {
  label: string;
  values: readonly number[];
}

/** What a stacked horizontal bar chart shows and how its numbers are written. */
export interface StackedBarsSpec {
  /** Prefix of the ids inside the figure; unique on the page. */
  id: string;
  title: string;
  /** A sentence saying what the chart draws (read after the title). */
  desc: string;
  series: readonly Series[];
  bars: readonly Bar[];
  /** Exact numbers (tables, tooltips, bar ends). */
  format: (n: number) => string;
  /** Short numbers for the axis and inside segments. */
  tick: (n: number) => string;
  /** Words of the figure around the chart. */
  words: { total: string; showNumbers: string; rowHeader: string };
}

/** A round step and top for an axis from 0 to at least `max`, about four steps. */
export function niceScale(max: number, integer: boolean): { step: number; top: number } {
  if (!(max > 0)) return { step: 1, top: integer ? 4 : 1 };
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  let step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
  if (integer) step = Math.max(1, Math.ceil(step));
  return { step, top: Math.ceil(max / step - 1e-9) * step };
}

const r1 = (n: number): string => String(Math.round(n * 10) / 10);

/**
 * A stacked horizontal bar chart as a figure: the SVG (`role="img"`, named by its title and description), a legend,
 * and the same numbers as a table in a `<details>` for screen readers and for reading exact values.
 */
export function stackedBars(spec: StackedBarsSpec): string {
  const W = 640;
  const labelW = 112;
  const endW = 84;
  const rowH = 30;
  const barH = 20;
  const top = 6;
  const axisH = 24;
  const plotW = W - labelW - endW;
  const totals = spec.bars.map((b) => b.values.reduce((a, v) => a + v, 0));
  const integer = spec.bars.every((b) => b.values.every((v) => Number.isInteger(v)));
  const { step, top: max } = niceScale(totals.reduce((m, t) => Math.max(m, t), 0), integer);
  const x = (v: number): number => labelW + (v / max) * plotW;
  const H = top + spec.bars.length * rowH + axisH;
  const out: string[] = [];
  out.push(`<figure class="chart" id="${h(spec.id)}">`);
  out.push(`<figcaption><h3 id="${h(spec.id)}-h">${h(spec.title)}</h3></figcaption>`);
  out.push(
    `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="${h(spec.id)}-t ${h(spec.id)}-d" preserveAspectRatio="xMinYMin meet">`,
    `<title id="${h(spec.id)}-t">${h(spec.title)}</title>`,
    `<desc id="${h(spec.id)}-d">${h(spec.desc)} ${h(spec.bars.map((b, i) => `${b.label}: ${spec.format(totals[i])}`).join('; '))}</desc>`,
  );
  const axisY = top + spec.bars.length * rowH;
  for (let v = 0; v <= max + 1e-9; v += step) {
    out.push(`<line class="grid" x1="${r1(x(v))}" y1="${top}" x2="${r1(x(v))}" y2="${axisY}"/>`);
    out.push(`<text class="tick" x="${r1(x(v))}" y="${axisY + 16}" text-anchor="middle">${h(spec.tick(v))}</text>`);
  }
  spec.bars.forEach((b, i) => {
    const y = top + i * rowH + (rowH - barH) / 2;
    out.push(`<text class="label" x="${labelW - 8}" y="${r1(y + barH / 2 + 4)}" text-anchor="end">${h(b.label)}</text>`);
    let at = 0;
    const parts = b.values.filter((v) => v > 0).length;
    b.values.forEach((v, k) => {
      if (v <= 0) return;
      const x0 = x(at);
      const w = x(at + v) - x0;
      const s = spec.series[k];
      out.push(
        `<rect x="${r1(x0)}" y="${r1(y)}" width="${r1(w)}" height="${barH}" fill="${s.colour}"><title>${h(`${b.label} · ${s.label}: ${spec.format(v)}`)}</title></rect>`,
      );
      // A number inside a segment only where the bar has several and it fits; the table and the tooltip have every one.
      const text = parts > 1 ? spec.tick(v) : '';
      if (text && w >= text.length * 7 + 6) {
        out.push(`<text class="seg" x="${r1(x0 + w / 2)}" y="${r1(y + barH / 2 + 4)}" text-anchor="middle" fill="${textOn(s.colour)}">${h(text)}</text>`);
      }
      at += v;
    });
    out.push(`<text class="end" x="${r1(x(totals[i]) + 6)}" y="${r1(y + barH / 2 + 4)}">${h(spec.format(totals[i]))}</text>`);
  });
  out.push(`<line class="axis" x1="${labelW}" y1="${axisY}" x2="${labelW + plotW}" y2="${axisY}"/>`);
  out.push('</svg>');
  out.push('<ul class="legend">');
  for (const s of spec.series) out.push(`<li><span class="swatch" style="background:${s.colour}" aria-hidden="true"></span>${h(s.label)}</li>`);
  out.push('</ul>');
  out.push(`<details><summary>${h(spec.words.showNumbers)}</summary>`);
  out.push(`<table class="num"><caption class="sr-only">${h(spec.title)}</caption><thead><tr><th scope="col">${h(spec.words.rowHeader)}</th>`);
  for (const s of spec.series) out.push(`<th scope="col">${h(s.label)}</th>`);
  out.push(`<th scope="col">${h(spec.words.total)}</th></tr></thead><tbody>`);
  spec.bars.forEach((b, i) => {
    out.push(`<tr><th scope="row">${h(b.label)}</th>${b.values.map((v) => `<td>${h(spec.format(v))}</td>`).join('')}<td>${h(spec.format(totals[i]))}</td></tr>`);
  });
  out.push('</tbody></table></details></figure>');
  return out.join('\n');
}
