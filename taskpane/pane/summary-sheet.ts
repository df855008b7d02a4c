import { ASSESSMENT_LABELS } from '../../src/assess/labels.js';
import { countryName } from '../../src/messages/format.js';
import { QUARTER_HTML_LABELS, QUARTER_LABELS } from '../../src/messages/quarter-labels.js';
import type { Lang } from '../../src/model/lang.js';
import { HEAT_BINS, heatBin } from '../../src/report/quarter-charts.js';
import { COUNTRY_CODES } from '../../src/schema/enums.js';
import { ASSESSMENT_VALUES } from '../../src/schema/columns.js';
import type { QuarterSummary } from '../../src/use-cases/summary.js';
import { strings } from '../i18n.js';
import type { CellStyle, NewSheet } from '../sheet-host/sheet-host.js';

/** Assessment columns of the by-country table, in the dashboard's order, then the activities no rule could assess. */
export const ASSESSMENT_KEYS = [...ASSESSMENT_VALUES, 'unassessed'] as const;

/**
 * The sheet Insert summary sheet adds, its row 0 the matrix's header: the coverage matrix (clauses × lead countries,
 * coloured with the dashboard's heat scale) with its totals, the by-country table of assessments and budget, and the
 * as-of date and the sheets it covers.
 */
export function summarySheet(s: QuarterSummary, lang: Lang): NewSheet {
  const L = QUARTER_LABELS[lang];
  const H = QUARTER_HTML_LABELS[lang];
  const T = strings(lang);
  const byCountryHeader = [L.country, L.counted, ...ASSESSMENT_KEYS.map((k) => (k === 'unassessed' ? H.notAssessed : ASSESSMENT_LABELS[k][lang])), L.budget];
  const width = Math.max(COUNTRY_CODES.length + 3, byCountryHeader.length);
  const pad = (r: (string | number)[]): (string | number)[] => [...r, ...Array<string>(Math.max(0, width - r.length)).fill('')];
  const header = pad([L.clause, H.title, ...COUNTRY_CODES.map((c) => countryName(c, lang)), L.total]) as string[];
  const rows: (string | number)[][] = [];
  const styles: CellStyle[] = [];
  for (const row of s.coverage) {
    const r = rows.length + 1;
    COUNTRY_CODES.forEach((c, j) => {
      const bin = HEAT_BINS[heatBin(row.byCountry[c])]!;
      styles.push({ row: r, col: j + 2, fill: bin.bg, font: bin.fg });
    });
    rows.push(pad([row.clause, row.title[lang], ...COUNTRY_CODES.map((c) => row.byCountry[c]), row.total]));
  }
  const totals = new Map(s.countries.map((c) => [c.country, c.activities]));
  rows.push(pad([H.allCountries, '', ...COUNTRY_CODES.map((c) => totals.get(c) ?? 0), s.activities]));
  const bold = (r: number, cols: number): void => {
    for (let c = 0; c < cols; c++) styles.push({ row: r, col: c, bold: true });
  };
  bold(rows.length, COUNTRY_CODES.length + 3);
  rows.push(pad([]));
  rows.push(pad(byCountryHeader));
  bold(rows.length, byCountryHeader.length);
  for (const c of s.countries) {
    rows.push(pad([countryName(c.country, lang), c.activities, ...ASSESSMENT_KEYS.map((k) => c.byAssessment[k]), c.budget.total]));
  }
  rows.push(pad([]));
  rows.push(pad([L.asOf, s.asOf]));
  rows.push(pad([L.files, s.files.map((f) => f.file).join(lang === 'zh' ? '、' : ', ')]));
  return { name: `${T.summarySheetName} ${s.asOf}`, header, rows, styles, textCols: [], activate: true };
}
