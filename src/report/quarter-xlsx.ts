import { renderMessage } from '../messages/index.js';
import { ASSESSMENT_LABELS } from '../assess/labels.js';
import { CELL_LOOKS, type CellLook } from '../file-formats/ooxml-features.js';
import { writeTableWorkbook, type TableCell, type TableSheet } from '../file-formats/table-workbook.js';
import { issueText } from '../messages/index.js';
import { columnName, countryName, fundingName, statusName } from '../messages/format.js';
import { changeMessage, CHANGE_NAMES } from '../messages/quarter.js';
import { QUARTER_LABELS, QUARTER_XLSX_LABELS, UNCOUNTED_REASONS } from '../messages/quarter-labels.js';
import { a1 } from '../model/a1.js';
import type { Lang } from '../model/lang.js';
import { ASSESSMENT_VALUES } from '../schema/columns.js';
import { COUNTRY_CODES, FUNDING_KEYS } from '../schema/enums.js';
import type { QuarterSummary } from '../use-cases/summary.js';
import { HEAT_BINS, heatBin } from './quarter-charts.js';

const SEVERITY_LOOK = { error: CELL_LOOKS.error, warning: CELL_LOOKS.warning, info: CELL_LOOKS.info } as const;
const CHECK_LOOK: Record<string, CellLook> = { Error: CELL_LOOKS.error, Warning: CELL_LOOKS.warning };

// Header row bold and shaded, frozen, with a filter over the whole table.
function tableFeatures(rows: readonly (readonly TableCell[])[], extra: [string, CellLook][] = [], widths: Record<string, number> = {}, freezeColumns = 0) {
  const width = rows[0]?.length ?? 1;
  const last = a1(Math.max(0, rows.length - 1), width - 1);
  return {
    freezeRows: 1,
    freezeColumns,
    autoFilter: `A1:${last}`,
    cells: [[`A1:${a1(0, width - 1)}`, CELL_LOOKS.header] as [string, CellLook], ...extra],
    columnWidths: widths,
  };
}

const hex = (c: string): string => c.replace('#', '').toUpperCase();

/**
 * The consolidated workbook of a quarter: every row of every file normalised (`Activities`), the coverage matrix
 * coloured by count, the countries, the gaps, the cross-file findings, the changes when there are any, and the files.
 */
export function renderSummaryXlsx(s: QuarterSummary, lang: Lang): Uint8Array {
  const L = QUARTER_XLSX_LABELS[lang];
  const Q = QUARTER_LABELS[lang];
  const sheets: TableSheet[] = [];

  const head = [
    L.sourceFile, L.sourceRow,
    ...(['activity_id', 'activity', 'clause', 'clause_title', 'lead_country', 'partners', 'agency', 'start', 'end', 'status', 'progress', 'budget', 'funding', 'check', 'issues', 'assessment'] as const)
      .map((k) => columnName(k, lang)),
    L.counted,
  ];
  const activityRows: TableCell[][] = [head];
  const checkLooks: [string, CellLook][] = [];
  for (const { file, record: r, counted } of s.rows) {
    const v = r.values;
    const title = v.clause ? s.coverage.find((c) => c.clause === v.clause)?.title[lang] ?? null : null;
    const row = activityRows.length;
    if (CHECK_LOOK[r.check]) checkLooks.push([a1(row, 15), CHECK_LOOK[r.check]]);
    activityRows.push([
      file, r.row, r.id, v.activity ?? null, v.clause ?? null, title,
      v.lead_country ? countryName(v.lead_country, lang) : null,
      v.partners?.length ? v.partners.map((p) => countryName(p, lang)).join(lang === 'zh' ? '、' : ', ') : null,
      v.agency ?? null,
      v.start ? (v.start.length === 10 ? { date: v.start } : v.start) : null,
      v.end ? (v.end.length === 10 ? { date: v.end } : v.end) : null,
      v.status ? statusName(v.status, lang) : null,
      typeof v.progress === 'number' ? { number: v.progress / 100, format: '0%' } : null,
      typeof v.budget === 'number' ? { number: v.budget, format: '#,##0' } : null,
      v.funding ? fundingName(v.funding, lang) : null,
      r.check,
      r.findings.map((f) => issueText(f, lang)).join('\n') || null,
      r.assessment ? ASSESSMENT_LABELS[r.assessment][lang] : null,
      counted ? L.yes : r.uncounted.length ? `${L.no}: ${r.uncounted.map((u) => (u in UNCOUNTED_REASONS ? UNCOUNTED_REASONS[u as keyof typeof UNCOUNTED_REASONS][lang] : u)).join(', ')}` : L.no,
    ]);
  }
  sheets.push({ name: L.sheets.activities, rows: activityRows, features: tableFeatures(activityRows, checkLooks, { A: 22, D: 14, E: 36, F: 12, G: 24, Q: 60 }, 0) });

  const coverageRows: TableCell[][] = [[L.clause, L.title, ...COUNTRY_CODES.map((c) => countryName(c, lang)), L.total]];
  const heat: [string, CellLook][] = [];
  for (const c of s.coverage) {
    const row = coverageRows.length;
    COUNTRY_CODES.forEach((k, i) => {
      const bin = HEAT_BINS[heatBin(c.byCountry[k])];
      heat.push([a1(row, 2 + i), { fill: hex(bin.bg), color: hex(bin.fg) }]);
    });
    coverageRows.push([c.clause, c.title[lang], ...COUNTRY_CODES.map((k) => c.byCountry[k]), c.total]);
  }
  sheets.push({ name: L.sheets.coverage, rows: coverageRows, features: tableFeatures(coverageRows, heat, { A: 12, B: 40 }, 2) });

  const assessments = ASSESSMENT_VALUES.map((a) => ASSESSMENT_LABELS[a][lang]);
  const countryRows: TableCell[][] = [[L.country, L.activities, ...assessments, L.unassessed, ...FUNDING_KEYS.map((k) => fundingName(k, lang)), Q.unspecified, L.budgetTotal]];
  for (const c of s.countries) {
    const money = (n: number): TableCell => ({ number: n, format: '#,##0' });
    countryRows.push([
      countryName(c.country, lang), c.activities, ...ASSESSMENT_VALUES.map((a) => c.byAssessment[a]), c.byAssessment.unassessed,
      ...FUNDING_KEYS.map((k) => money(c.budget[k])), money(c.budget.unspecified), money(c.budget.total),
    ]);
  }
  sheets.push({ name: L.sheets.countries, rows: countryRows, features: tableFeatures(countryRows, [], { A: 14 }, 1) });

  const gapRows: TableCell[][] = [[L.clause, L.title, L.gapKind, L.countries]];
  for (const g of s.gaps) {
    gapRows.push([g.clause, g.title[lang], g.kind === 'none' ? Q.gapNone : Q.gapSingle(countryName(g.countries[0], lang)), g.countries.map((c) => countryName(c, lang)).join(', ') || null]);
  }
  sheets.push({ name: L.sheets.gaps, rows: gapRows, features: tableFeatures(gapRows, [], { A: 12, B: 40, C: 18 }) });

  const crossRows: TableCell[][] = [[L.code, L.severity, L.activityId, L.files, L.rows, L.message]];
  const crossLooks: [string, CellLook][] = [];
  for (const f of s.crossFile) {
    crossLooks.push([a1(crossRows.length, 1), SEVERITY_LOOK[f.severity]]);
    crossRows.push([f.code, Q[f.severity], f.params.activityId, f.params.files.join('\n'), f.params.rows.join(', '), renderMessage(f, lang)]);
  }
  sheets.push({ name: L.sheets.crossFile, rows: crossRows, features: tableFeatures(crossRows, crossLooks, { A: 20, D: 30, F: 80 }) });

  if (s.changes) {
    const changeRows: TableCell[][] = [[L.activityId, L.kind, L.severity, L.before, L.after, L.days, L.fromFile, L.fromRow, L.toFile, L.toRow, L.message]];
    const changeLooks: [string, CellLook][] = [];
    for (const c of s.changes.changes) {
      changeLooks.push([a1(changeRows.length, 2), SEVERITY_LOOK[c.severity]]);
      changeRows.push([c.activityId, CHANGE_NAMES[c.kind][lang], Q[c.severity], c.before, c.after, c.days ?? null, c.fromFile, c.fromRow, c.toFile, c.toRow, changeMessage(c, lang)]);
    }
    sheets.push({ name: L.sheets.changes, rows: changeRows, features: tableFeatures(changeRows, changeLooks, { A: 14, K: 70 }) });
  }

  const fileRows: TableCell[][] = [[L.sourceFile, L.country, L.status, L.dataRows, L.countedRows, L.errors, L.warnings, L.infos, L.uncounted]];
  for (const f of s.files) {
    fileRows.push([
      f.file, f.country ? countryName(f.country, lang) : null, f.status === 'ok' ? 'OK' : Q.unreadable, f.rows, f.counted,
      f.counts.error, f.counts.warning, f.counts.info,
      f.uncounted.map((u) => `${Q.rowN(u.row)} ${u.activityId ?? ''}`.trim()).join('\n') || null,
    ]);
  }
  sheets.push({ name: L.sheets.files, rows: fileRows, features: tableFeatures(fileRows, [], { A: 30 }) });
  return writeTableWorkbook(sheets);
}
