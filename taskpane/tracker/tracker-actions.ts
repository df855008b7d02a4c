import { getClause } from '../../src/catalog/index.js';
import { issueText } from '../../src/messages/index.js';
import { type Lang } from '../../src/model/lang.js';
import type { Finding, Severity } from '../../src/model/finding.js';
import { ChunkedValidation, summarise, validateWorkbook, type WorkbookValidation } from '../../src/use-cases/validate-workbook.js';
import { COLUMNS, isFilledColumn, type ColumnKey } from '../../src/schema/columns.js';
import { cellText } from '../../src/schema/values.js';
import { type Cell, type WorkbookModel } from '../../src/model/workbook.js';
import { parseA1 } from '../../src/model/a1.js';
import { placeColumns, type PlacementSheet } from '../../src/model/column-placement.js';
import { planCheck, planFill, planMap, workbookLang, type OpenRow, type PlannedColumn } from './row-plan.js';
import { checkCancel, type CellMark, type ColumnWrite, type RunOptions, type SheetHost, type SheetRead, type SheetRowSink } from '../sheet-host/sheet-host.js';

/** A header of the located table and the column key it is read as (null: not read as any column). */
interface ColumnChoice {
  col: number;
  header: string;
  key: ColumnKey | null;
}

/** The user's corrections of the column mapping: 0-based column → key (or null to ignore the column). */
export type MappingOverrides = ReadonlyMap<number, ColumnKey | null>;

/** The tracker as found on the active sheet: what was read, the validation, the column mapping and the workbook language. */
export interface Detected {
  read: SheetRead;
  validation: WorkbookValidation;
  columns: ColumnChoice[];
  lang: Lang;
}

/** Options of the pane's actions. */
export interface ActionOptions extends RunOptions {
  asOf: string;
  overrides?: MappingOverrides;
  /** Language of the notes and of the pane (the workbook's own language is used for cells). */
  uiLang: Lang;
}

/** Findings of one row (or of the sheet or file, row null), for the pane's list. */
export interface FindingGroup {
  row: number | null;
  worst: Severity;
  findings: Finding[];
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Most cells one Validate run highlights (each mark is remembered in the document's settings, which are small). */
const MAX_MARKS = 10_000;

function withOverrides(read: SheetRead, headerRow: number, overrides: MappingOverrides): WorkbookModel {
  const rows = read.grid.rows.slice();
  const header = (rows[headerRow - 1] ?? []).slice();
  for (const [col, key] of overrides) {
    const was = cellText(header[col]) ?? '';
    const meta = key ? COLUMNS.find((c) => c.key === key) : undefined;
    // Renaming the header in the pane's copy makes the shared locator bind the column as the user chose.
    const cell: Cell = { v: meta ? meta.zh : `(ignored) ${was}`, t: 's' };
    header[col] = cell;
  }
  rows[headerRow - 1] = header;
  return { sheets: [{ ...read.grid, rows }], date1904: read.date1904, findings: [] };
}

/** Reads the active sheet through the host and runs the shared validation, applying the user's column corrections. */
export async function detectTracker(host: SheetHost, opts: ActionOptions): Promise<Detected> {
  // The rules take each chunk of rows as it arrives, while the host reads the next one.
  let chunked: ChunkedValidation | undefined;
  const sink: SheetRowSink = {
    begin: (sheet, date1904) => (chunked = new ChunkedValidation({ asOf: opts.asOf }, sheet, date1904)),
    rows: (rows) => chunked?.rows(rows),
  };
  const read = await host.readActiveSheet({ ...opts, sink });
  checkCancel(opts.signal);
  opts.onProgress?.({ phase: 'validate', done: 0, total: read.grid.rows.length });
  // What is left of the rules runs synchronously: give the pane one turn to paint the phase first.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const model: WorkbookModel = { sheets: [read.grid], date1904: read.date1904, findings: [] };
  let validation = chunked ? chunked.finish(model) : validateWorkbook(model, { asOf: opts.asOf });
  if (opts.overrides && opts.overrides.size > 0 && validation.headerRow !== null) {
    validation = validateWorkbook(withOverrides(read, validation.headerRow, opts.overrides), { asOf: opts.asOf });
  }
  const columns: ColumnChoice[] = [];
  const t = validation.table;
  if (t && validation.headerRow !== null) {
    const header = read.grid.rows[validation.headerRow - 1] ?? [];
    for (const b of t.columns) columns.push({ col: b.col, header: cellText(header[b.col]) ?? b.header, key: b.key });
    for (const u of t.unknownColumns) columns.push({ col: u.col, header: cellText(header[u.col]) ?? u.header, key: null });
    columns.sort((a, b) => a.col - b.col);
  }
  return { read, validation, columns, lang: workbookLang(validation) };
}

/** The sheet as column placement sees it: the header texts and which columns are empty from the header row down. */
function placementSheet(d: Detected): PlacementSheet {
  const t = d.validation.table!;
  const rows = d.read.grid.rows;
  const headers = new Map<number, string>();
  (rows[t.headerRow - 1] ?? []).forEach((cell, col) => {
    if (!isBlank(cell)) headers.set(col, String(cell!.v));
  });
  const isFree = (col: number): boolean => {
    for (let r = t.headerRow - 1; r < rows.length; r++) if (!isBlank(rows[r]?.[col])) return false;
    return true;
  };
  return { lastCol: t.lastCol, headers, isFree };
}

/** A cell with nothing in it, as the annotated-copy writer judges it (white space counts as content). */
function isBlank(cell: Cell | undefined): boolean {
  return !cell || cell.t === 'z' || cell.v === null || cell.v === undefined || cell.v === '';
}

/**
 * Writes planned columns through the host: filled columns (check, issues …) are rewritten over every data row so no
 * stale value survives; the input column `clause` is written only in the rows the plan names.
 */
async function writePlan(host: SheetHost, d: Detected, planned: PlannedColumn[], opts: RunOptions = {}): Promise<Map<ColumnKey, number>> {
  const t = d.validation.table;
  if (!t || planned.length === 0) return new Map();
  const places = placeColumns(planned, placementSheet(d));
  const firstData = t.headerRow + 1;
  const lastData = Math.max(t.headerRow, ...t.rows.map((r) => r.row));
  const writes: ColumnWrite[] = [];
  planned.forEach((p, i) => {
    const at = places[i]!;
    const text = p.key !== 'match_confidence';
    if (at.appended) writes.push({ col: at.col, firstRow: t.headerRow - 1, values: [p.header], text: true });
    if (isFilledColumn(p.key)) {
      const values: (string | number | null)[] = [];
      for (let r = firstData; r <= lastData; r++) values.push(p.values.get(r) ?? '');
      if (values.length > 0) writes.push({ col: at.col, firstRow: firstData - 1, values, text });
    } else {
      // Runs of consecutive rows, so untouched input cells are never rewritten.
      const rows = [...p.values.keys()].sort((a, b) => a - b);
      let from = 0;
      while (from < rows.length) {
        let to = from;
        while (to + 1 < rows.length && rows[to + 1] === rows[to]! + 1) to++;
        writes.push({ col: at.col, firstRow: rows[from]! - 1, values: rows.slice(from, to + 1).map((r) => p.values.get(r)!), text });
        from = to + 1;
      }
    }
  });
  await host.writeColumns(t.sheet, writes, opts);
  return new Map(planned.map((p, i) => [p.key, places[i]!.col]));
}

/** Groups findings by row for the pane: file and sheet findings first, then rows in order, each with its worst severity. */
function groupFindings(findings: Finding[]): FindingGroup[] {
  const groups = new Map<number | null, FindingGroup>();
  for (const f of findings) {
    const g = groups.get(f.row) ?? { row: f.row, worst: f.severity, findings: [] };
    g.findings.push(f);
    if (RANK[f.severity] > RANK[g.worst]) g.worst = f.severity;
    groups.set(f.row, g);
  }
  return [...groups.values()].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

/** The highlight and note of every cell with findings on the tracker sheet (several findings of a cell share one note). */
function marksFor(v: WorkbookValidation, lang: Lang): CellMark[] {
  const byCell = new Map<string, CellMark>();
  for (const f of v.findings) {
    if (!f.cell || f.row === null || (f.sheet !== undefined && f.sheet !== v.sheet)) continue;
    const at = parseA1(f.cell);
    if (!at) continue;
    const line = issueText(f, lang);
    const mark = byCell.get(f.cell);
    if (!mark) byCell.set(f.cell, { row: at.row, col: at.col, severity: f.severity, note: line });
    else {
      mark.note = `${mark.note}\n${line}`;
      if (RANK[f.severity] > RANK[mark.severity]) mark.severity = f.severity;
    }
  }
  return [...byCell.values()];
}

/** What Validate did: the validation, the counts by severity, the findings grouped by row, and how many old marks it cleared. */
export interface ValidateOutcome {
  detected: Detected;
  counts: Record<Severity, number>;
  groups: FindingGroup[];
  cleared: number;
  /** Cells highlighted, and cells that had findings (more than MAX_MARKS are not all highlighted). */
  marked: number;
  markable: number;
}

/**
 * Validate: clears the highlights and notes of the previous run, writes `check` and `issues`, then highlights each
 * offending cell by severity with a note carrying the message.
 */
export async function runValidate(host: SheetHost, opts: ActionOptions): Promise<ValidateOutcome> {
  const detected = await detectTracker(host, opts);
  const v = detected.validation;
  const cleared = await host.clearMarks(detected.read.region.sheet, opts);
  let marked = 0;
  let markable = 0;
  if (v.table) {
    await writePlan(host, detected, planCheck(v, detected.lang), opts);
    const marks = marksFor(v, opts.uiLang);
    markable = marks.length;
    // Errors first, so a capped run still shows the worst cells; every finding stays in the issues column.
    const chosen = marks.length > MAX_MARKS ? [...marks].sort((a, b) => RANK[b.severity] - RANK[a.severity]).slice(0, MAX_MARKS) : marks;
    // The host may highlight fewer when its record of highlights is full.
    marked = await host.mark(v.table.sheet, chosen, opts);
  }
  return { detected, counts: summarise(v.findings), groups: groupFindings(v.findings), cleared, marked, markable };
}

/** What Map did: rows filled, references normalised, and rows left for a person with their candidates. */
export interface MapOutcome {
  detected: Detected;
  filled: number;
  normalised: number;
  open: OpenRow[];
  /** Column of each written key, for the one-click picks. */
  columns: Map<ColumnKey, number>;
}

/** Map: fills blank clauses with accepted matches, normalises explicit references, and lists the rest with top-3 candidates. */
export async function runMap(host: SheetHost, opts: ActionOptions): Promise<MapOutcome> {
  const detected = await detectTracker(host, opts);
  if (!detected.validation.table) return { detected, filled: 0, normalised: 0, open: [], columns: new Map() };
  const plan = planMap(detected.validation, detected.lang, opts.asOf);
  const columns = await writePlan(host, detected, plan.columns, opts);
  const clauseCol = detected.validation.table.columns.find((c) => c.key === 'clause')?.col;
  if (clauseCol !== undefined) columns.set('clause', clauseCol);
  return { detected, filled: plan.filled, normalised: plan.normalised, open: plan.open, columns };
}

/** Sets one row's clause to a picked candidate (as text), with its title where the title column exists; returns the outcome without that row. */
export async function pickCandidate(host: SheetHost, outcome: MapOutcome, row: number, id: string): Promise<MapOutcome> {
  const sheet = outcome.detected.validation.table!.sheet;
  const clauseCol = outcome.columns.get('clause');
  if (clauseCol === undefined) throw new Error('the table has no clause column');
  const cells: Parameters<SheetHost['setCells']>[1] = [{ row: row - 1, col: clauseCol, value: id, as: 'text' }];
  const titleCol = outcome.columns.get('clause_title') ?? outcome.detected.validation.table!.columns.find((c) => c.key === 'clause_title')?.col;
  const clause = getClause(id);
  if (titleCol !== undefined && clause) cells.push({ row: row - 1, col: titleCol, value: clause.title[outcome.detected.lang], as: 'text' });
  await host.setCells(sheet, cells);
  return { ...outcome, open: outcome.open.filter((o) => o.row !== row) };
}

/** What Fill did: the rows filled and the keys written. */
export interface FillOutcome {
  detected: Detected;
  rows: number;
  keys: ColumnKey[];
}

/** Fill: writes clause titles, assessments at the as-of date and cross-references, appending the columns when absent. */
export async function runFill(host: SheetHost, opts: ActionOptions): Promise<FillOutcome> {
  const detected = await detectTracker(host, opts);
  if (!detected.validation.table) return { detected, rows: 0, keys: [] };
  const plan = planFill(detected.validation, detected.lang, opts.asOf);
  await writePlan(host, detected, plan, opts);
  return { detected, rows: detected.validation.rowResults.length, keys: plan.map((p) => p.key) };
}
