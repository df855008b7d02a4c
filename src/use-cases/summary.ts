import { ASSESSMENT_VALUES } from '../schema/columns.js';
import type { Assessment } from '../assess/assess.js';
import { leafClauses } from '../catalog/index.js';
import type { Bilingual } from '../model/lang.js';
import type { Severity } from '../model/finding.js';
import { COUNTRY_CODES, FUNDING_KEYS, type CountryCode, type FundingKey } from '../schema/enums.js';
import { activityRecords, senderOf, type ActivityRecord, type ActivityValues, type UncountedReason } from './activities.js';
import { summariseCounts, type WorkbookValidation } from './validate-workbook.js';
import type { QuarterDiff } from './diff.js';
import { FILE_LEVEL, finding, type FindingCode } from '../model/finding.js';
import type { CrossFileCode, CrossFileFinding } from '../model/quarter.js';

/** One tracker of a quarter as the summary sees it: how it was read and validated, and its activity rows. */
export interface Submission {
  /** The file as named on the command line (or inside a walked folder), or the sheet name in Excel. */
  file: string;
  status: 'ok' | 'unreadable';
  /** Data rows. */
  rows: number;
  counts: Record<Severity, number>;
  records: ActivityRecord[];
}

/** A validated tracker as a submission of the quarter. */
export function submissionOf(file: string, v: WorkbookValidation, asOf: string): Submission {
  return { file, status: 'ok', rows: v.rows, counts: summariseCounts(v.countsByCode), records: activityRecords(v, asOf) };
}

/** A file that could not be read: listed, with nothing to count. */
export function unreadableSubmission(file: string): Submission {
  return { file, status: 'unreadable', rows: 0, counts: { error: 1, warning: 0, info: 0 }, records: [] };
}

/** Budget in US dollars by funding source (`unspecified` when the row names none), with the total. */
export type Budget = Record<FundingKey | 'unspecified', number> & { total: number };

/** Activities by assessment (`unassessed` when a row has neither status nor progress). */
export type AssessmentCounts = Record<Assessment | 'unassessed', number>;

/** One action-plan leaf clause: activities per lead country, their assessments and budget. */
export interface CoverageRow {
  clause: string;
  title: Bilingual;
  byCountry: Record<CountryCode, number>;
  total: number;
  byAssessment: AssessmentCounts;
  budget: Budget;
}

/** One lead country: its activities, their assessments and budget. */
export interface CountryRow {
  country: CountryCode;
  activities: number;
  byAssessment: AssessmentCounts;
  budget: Budget;
}

/** A gap in the coverage: a clause nobody works on, or one only a single country works on. */
export interface Gap {
  clause: string;
  title: Bilingual;
  kind: 'none' | 'single-country';
  countries: CountryCode[];
}

/** A row that is not counted, and why. */
export interface UncountedRow {
  row: number;
  activityId: string | null;
  reasons: UncountedReason[];
}

/** One file of the quarter: how many of its rows count, and the ones that do not. */
export interface SubmissionSummary {
  file: string;
  status: 'ok' | 'unreadable';
  /** The country the file speaks for (lead country of most of its rows), null when none. */
  country: CountryCode | null;
  rows: number;
  counted: number;
  counts: Record<Severity, number>;
  uncounted: UncountedRow[];
}

/** A counted activity with where it came from, for listings (the coverage cell's activities, the consolidated sheet). */
export interface CountedActivity {
  id: string;
  file: string;
  record: ActivityRecord;
}

/** The quarter as a whole: coverage of the plan by country, assessments, budget, gaps and cross-file findings. */
export interface QuarterSummary {
  asOf: string;
  files: SubmissionSummary[];
  /** Distinct counted activities. */
  activities: number;
  coverage: CoverageRow[];
  countries: CountryRow[];
  gaps: Gap[];
  crossFile: CrossFileFinding[];
  /** Every counted activity once, ordered by clause, lead country and id. */
  counted: CountedActivity[];
  /** Every data row of every readable file, in input order, and whether it is the copy that counts. */
  rows: { file: string; record: ActivityRecord; counted: boolean }[];
  changes?: QuarterDiff;
}

/** The codes the quarterly summary reports itself: an activity in several files. */
export const codes = ['cross-file-duplicate', 'cross-file-conflict', 'cross-file-clash'] as const satisfies readonly FindingCode[];

/** Fields compared between copies of one activity. */
const COMPARED: (keyof ActivityValues)[] = ['clause', 'lead_country', 'status', 'start', 'end', 'progress', 'budget', 'funding'];

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = Array.isArray(a) ? [...a].sort() : [];
    const y = Array.isArray(b) ? [...b].sort() : [];
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 0.005;
  return (a ?? null) === (b ?? null);
}

/** The fields whose values differ between two records. */
export function differingFields(a: ActivityValues, b: ActivityValues, fields = COMPARED): (keyof ActivityValues)[] {
  return fields.filter((f) => !sameValue(a[f], b[f]));
}

function emptyBudget(): Budget {
  const b = { total: 0, unspecified: 0 } as Budget;
  for (const k of FUNDING_KEYS) b[k] = 0;
  return b;
}

function emptyAssessments(): AssessmentCounts {
  const a = { unassessed: 0 } as AssessmentCounts;
  for (const k of ASSESSMENT_VALUES) a[k] = 0;
  return a;
}

function addBudget(b: Budget, v: ActivityValues): void {
  if (typeof v.budget !== 'number') return;
  b[v.funding ?? 'unspecified'] += v.budget;
  b.total += v.budget;
}

function byCountryZero(): Record<CountryCode, number> {
  return Object.fromEntries(COUNTRY_CODES.map((c) => [c, 0])) as Record<CountryCode, number>;
}

interface Copy {
  file: string;
  sender: CountryCode | null;
  record: ActivityRecord;
}

/** The copy of an activity that counts: a counted one, from the lead country's own file when there is one, else the first. */
export function preferredCopy<T extends { sender: CountryCode | null; record: ActivityRecord }>(copies: readonly T[]): T {
  const counted = copies.filter((c) => c.record.uncounted.length === 0);
  const pool = counted.length ? counted : copies;
  return pool.find((c) => c.sender !== null && c.sender === c.record.values.lead_country) ?? pool[0];
}

/**
 * Summarises the trackers of one quarter: each activity counts once (by its normalised id, across files), placed by
 * its action-plan leaf clause and lead country, with its assessment and budget; every leaf clause of the plan appears
 * in the coverage, with none or some activities.
 */
export function summariseQuarter(submissions: readonly Submission[], asOf: string): QuarterSummary {
  const copies = new Map<string, Copy[]>();
  const files: SubmissionSummary[] = [];
  for (const s of submissions) {
    const sender = senderOf(s.records);
    const seen = new Set<string>();
    for (const record of s.records) {
      // A repeated id inside one file is the file's own duplicate-id finding; its first row stands for it.
      if (record.id === null || seen.has(record.id)) continue;
      seen.add(record.id);
      const list = copies.get(record.id);
      const copy = { file: s.file, sender, record };
      if (list) list.push(copy);
      else copies.set(record.id, [copy]);
    }
    files.push({
      file: s.file,
      status: s.status,
      country: sender,
      rows: s.rows,
      counted: 0,
      counts: s.counts,
      uncounted: s.records.filter((r) => r.uncounted.length > 0).map((r) => ({ row: r.row, activityId: r.id, reasons: r.uncounted })),
    });
  }

  const fileIndex = new Map(files.map((f, i) => [f.file, i]));
  const counted: CountedActivity[] = [];
  const crossFile: CrossFileFinding[] = [];
  for (const [id, list] of copies) {
    const chosen = preferredCopy(list);
    if (list.length > 1) {
      const fields = [...new Set(list.flatMap((c) => differingFields(chosen.record.values, c.record.values)))];
      const code: CrossFileCode = fields.length === 0
        ? 'cross-file-duplicate'
        : fields.includes('clause') || fields.includes('lead_country') ? 'cross-file-clash' : 'cross-file-conflict';
      crossFile.push(finding(code, FILE_LEVEL, {
        activityId: id, files: list.map((c) => c.file), rows: list.map((c) => c.record.row), countedFile: chosen.file,
        fields: COMPARED.filter((f) => fields.includes(f)),
      }));
    }
    if (chosen.record.uncounted.length > 0) continue;
    counted.push({ id, file: chosen.file, record: chosen.record });
    files[fileIndex.get(chosen.file)!].counted++;
  }

  const leaves = leafClauses('AP');
  const coverageOf = new Map<string, CoverageRow>(
    leaves.map((c) => [c.id, { clause: c.id, title: c.title, byCountry: byCountryZero(), total: 0, byAssessment: emptyAssessments(), budget: emptyBudget() }]),
  );
  const countries = new Map<CountryCode, CountryRow>(
    COUNTRY_CODES.map((c) => [c, { country: c, activities: 0, byAssessment: emptyAssessments(), budget: emptyBudget() }]),
  );
  for (const a of counted) {
    const v = a.record.values;
    const cov = coverageOf.get(v.clause!)!;
    const country = countries.get(v.lead_country!)!;
    const assessment = a.record.assessment ?? 'unassessed';
    cov.byCountry[v.lead_country!]++;
    cov.total++;
    cov.byAssessment[assessment]++;
    addBudget(cov.budget, v);
    country.activities++;
    country.byAssessment[assessment]++;
    addBudget(country.budget, v);
  }
  const order = new Map(leaves.map((c, i) => [c.id, i]));
  counted.sort((a, b) => order.get(a.record.values.clause!)! - order.get(b.record.values.clause!)! ||
    a.record.values.lead_country!.localeCompare(b.record.values.lead_country!) || a.id.localeCompare(b.id));

  const coverage = [...coverageOf.values()];
  const gaps: Gap[] = [];
  for (const row of coverage) {
    const active = COUNTRY_CODES.filter((c) => row.byCountry[c] > 0);
    if (active.length === 0) gaps.push({ clause: row.clause, title: row.title, kind: 'none', countries: [] });
    else if (active.length === 1) gaps.push({ clause: row.clause, title: row.title, kind: 'single-country', countries: active });
  }
  crossFile.sort((a, b) => fileIndex.get(a.params.files[0])! - fileIndex.get(b.params.files[0])! || a.params.rows[0] - b.params.rows[0]);
  const countedRecords = new Set(counted.map((a) => a.record));
  const rows = submissions.flatMap((s) => s.records.map((record) => ({ file: s.file, record, counted: countedRecords.has(record) })));
  return { asOf, files, activities: counted.length, coverage, countries: [...countries.values()], gaps, crossFile, counted, rows };
}
