import { assess, type Assessment } from '../assess/assess.js';
import { getClause } from '../catalog/index.js';
import type { Finding, FindingCode } from '../model/finding.js';
import { COUNTRY_CODES, type CountryCode } from '../schema/enums.js';
import type { CheckValue } from '../schema/columns.js';
import type { TrackerRow } from '../schema/tracker.js';
import { parseActivityId } from '../schema/values.js';
import type { WorkbookValidation } from './validate-workbook.js';

/** What keeps a row out of the counts: a finding code on the identifying columns, or a blank clause or id. */
export type UncountedReason = FindingCode | 'clause-blank' | 'id-blank' | 'lead-blank';

/** The values of one activity row that the quarterly summary and diff compare (normalised; description left out). */
export type ActivityValues = Omit<Partial<TrackerRow>, 'description'>;

/** One data row of a tracker as the quarterly views see it: identity, normalised values, check and assessment. */
export interface ActivityRecord {
  /** The sheet's 1-based row number. */
  row: number;
  /** The activity id, width-folded and upper-case (also when it breaks the id pattern); null when blank. */
  id: string | null;
  values: ActivityValues;
  check: CheckValue;
  /** The distinct finding codes of the row. */
  codes: FindingCode[];
  /** The row's findings, for the consolidated workbook's issues column. */
  findings: Finding[];
  assessment: Assessment | null;
  /** Empty when the row counts (id, an action-plan leaf clause and a lead country); otherwise why not. */
  uncounted: UncountedReason[];
}

function isActionPlanLeaf(id: string | undefined): boolean {
  const c = id ? getClause(id) : undefined;
  return c !== undefined && c.doc === 'AP' && !c.heading;
}

/** The activity records of a validated tracker, in sheet order; empty when no tracker table was found. */
export function activityRecords(v: WorkbookValidation, asOf: string): ActivityRecord[] {
  if (!v.table) return [];
  const cells = new Map(v.table.rows.map((r) => [r.row, r.cells]));
  return v.rowResults.map((r): ActivityRecord => {
    const { description: _omit, ...values } = r.values;
    const raw = parseActivityId(cells.get(r.row)?.activity_id);
    const id = values.activity_id ?? (raw.ok ? raw.value : null);
    const on = (column: string): FindingCode[] => r.findings.filter((f) => f.column === column && f.severity === 'error').map((f) => f.code);
    let uncounted: UncountedReason[] = [];
    const because = (column: string, fallback: UncountedReason): void => {
      const codes = on(column);
      uncounted = uncounted.concat(codes.length ? codes : [fallback]);
    };
    if (id === null) because('activity_id', 'id-blank');
    if (!isActionPlanLeaf(values.clause)) because('clause', values.clause === undefined ? 'clause-blank' : 'not-leaf-clause');
    if (!values.lead_country) because('lead_country', 'lead-blank');
    return {
      row: r.row,
      id,
      values,
      check: r.check,
      codes: [...new Set(r.findings.map((f) => f.code))],
      findings: r.findings,
      assessment: assess({ status: values.status, start: values.start, end: values.end, progress: values.progress, asOf }),
      uncounted: [...new Set(uncounted)],
    };
  });
}

/**
 * The country a file speaks for: the lead country of most of its rows, read from the lead column or else from the
 * id's country prefix (a national secretariat reports its own activities, and partners' joint ones now and then);
 * null when no row names a country.
 */
export function senderOf(records: readonly ActivityRecord[]): CountryCode | null {
  const n = new Map<CountryCode, number>();
  for (const r of records) {
    const prefix = r.id?.slice(0, 2) as CountryCode | undefined;
    const c = r.values.lead_country ?? (prefix && (COUNTRY_CODES as readonly string[]).includes(prefix) ? prefix : undefined);
    if (c) n.set(c, (n.get(c) ?? 0) + 1);
  }
  let best: CountryCode | null = null;
  for (const [c, k] of n) if (best === null || k > n.get(best)! || (k === n.get(best)! && c < best)) best = c;
  return best;
}
