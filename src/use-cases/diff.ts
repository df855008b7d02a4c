import { dayOf } from '../assess/assess.js';
import { CHANGE_SEVERITY, REGRESSIONS, type Change, type ChangeKind, type ChangeValue } from '../model/quarter.js';
import type { CountryCode, StatusKey } from '../schema/enums.js';
import { senderOf, type ActivityRecord, type ActivityValues } from './activities.js';
import type { Submission } from './summary.js';

/** Counts of one country's changes. */
export interface CountryChanges {
  added: number;
  removed: number;
  regressions: number;
  changed: number;
}

/** What changed between two quarters, activity by activity. */
export interface QuarterDiff {
  from: string[];
  to: string[];
  changes: Change[];
  summary: {
    activitiesBefore: number;
    activitiesAfter: number;
    byKind: Partial<Record<ChangeKind, number>>;
    regressions: number;
    byCountry: Partial<Record<CountryCode, CountryChanges>>;
  };
}

interface Copy {
  file: string;
  sender: string;
  record: ActivityRecord;
}

// Copies of each id on one side, keyed by the sending country (or the file, when it names no country).
function side(subs: readonly Submission[]): Map<string, Copy[]> {
  const ids = new Map<string, Copy[]>();
  for (const s of subs) {
    const sender = senderOf(s.records) ?? `file:${s.file}`;
    const seen = new Set<string>();
    for (const record of s.records) {
      if (record.id === null || seen.has(record.id)) continue;
      seen.add(record.id);
      const list = ids.get(record.id) ?? [];
      list.push({ file: s.file, sender, record });
      ids.set(record.id, list);
    }
  }
  return ids;
}

// The lead's own report when it sent one, else the first.
function preferred(copies: readonly Copy[]): Copy {
  return copies.find((c) => c.sender === c.record.values.lead_country) ?? copies[0];
}

const STATUS_RANK: Record<StatusKey, number> = { not_started: 0, in_progress: 1, delayed: 1, completed: 2, cancelled: -1 };

function statusChange(a: StatusKey | undefined, b: StatusKey | undefined): 'status-regressed' | 'status-changed' | null {
  if (a === b || a === undefined || b === undefined) return a === b ? null : 'status-changed';
  if (a === 'completed') return 'status-regressed';
  if (STATUS_RANK[a] === 1 && b === 'not_started') return 'status-regressed';
  return 'status-changed';
}

function days(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function compare(id: string, from: Copy, to: Copy): Change[] {
  const a: ActivityValues = from.record.values;
  const b: ActivityValues = to.record.values;
  const at = { activityId: id, fromFile: from.file, fromRow: from.record.row, toFile: to.file, toRow: to.record.row, country: b.lead_country ?? a.lead_country ?? null };
  const out: Change[] = [];
  const push = (kind: ChangeKind, before: ChangeValue, after: ChangeValue, extra: { days?: number } = {}): void => {
    out.push({ ...at, kind, severity: CHANGE_SEVERITY[kind], before, after, ...extra });
  };
  const status = statusChange(a.status, b.status);
  if (status) push(status, a.status ?? null, b.status ?? null);
  if (typeof a.progress === 'number' && typeof b.progress === 'number' && b.progress < a.progress - 1e-9) push('progress-decreased', a.progress, b.progress);
  for (const [field, later, earlier] of [['end', 'end-postponed', 'end-advanced'], ['start', 'start-postponed', 'start-advanced']] as const) {
    const x = dayOf(a[field], field);
    const y = dayOf(b[field], field);
    if (x && y && x !== y) {
      const d = days(x, y);
      push(d > 0 ? later : earlier, x, y, { days: d });
    }
  }
  if (a.clause && b.clause && a.clause !== b.clause) push('clause-changed', a.clause, b.clause);
  if (a.lead_country && b.lead_country && a.lead_country !== b.lead_country) push('lead-changed', a.lead_country, b.lead_country);
  if ((a.budget ?? null) !== (b.budget ?? null) && !(typeof a.budget === 'number' && typeof b.budget === 'number' && Math.abs(a.budget - b.budget) < 0.005)) {
    push('budget-changed', a.budget ?? null, b.budget ?? null);
  }
  return out;
}

/**
 * What changed between two quarters' trackers, by normalised values (never cell text): activities are matched by
 * id across all files of each side; an activity several files report is compared between the reports of the same
 * sender (the lead's own when both quarters have it), so rows of different senders are never compared.
 */
export function diffQuarters(from: readonly Submission[], to: readonly Submission[]): QuarterDiff {
  const before = side(from);
  const after = side(to);
  const changes: Change[] = [];
  for (const [id, news] of after) {
    const olds = before.get(id);
    const n = preferred(news);
    if (!olds) {
      changes.push({ activityId: id, kind: 'added', severity: CHANGE_SEVERITY.added, before: null, after: id, fromFile: null, fromRow: null, toFile: n.file, toRow: n.record.row, country: n.record.values.lead_country ?? null });
      continue;
    }
    const senders = new Set(olds.map((c) => c.sender));
    const common = [n, ...news].find((c) => senders.has(c.sender));
    if (!common) continue;
    const o = olds.find((c) => c.sender === common.sender)!;
    for (const c of compare(id, o, common)) changes.push(c);
  }
  for (const [id, olds] of before) {
    if (after.has(id)) continue;
    const o = preferred(olds);
    changes.push({ activityId: id, kind: 'removed', severity: CHANGE_SEVERITY.removed, before: id, after: null, fromFile: o.file, fromRow: o.record.row, toFile: null, toRow: null, country: o.record.values.lead_country ?? null });
  }
  changes.sort((x, y) => x.activityId.localeCompare(y.activityId) || x.kind.localeCompare(y.kind));

  const byKind: Partial<Record<ChangeKind, number>> = {};
  const byCountry: Partial<Record<CountryCode, CountryChanges>> = {};
  let regressions = 0;
  for (const c of changes) {
    byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
    const regression = REGRESSIONS.includes(c.kind);
    if (regression) regressions++;
    if (c.country) {
      const k = (byCountry[c.country as CountryCode] ??= { added: 0, removed: 0, regressions: 0, changed: 0 });
      if (c.kind === 'added') k.added++;
      else if (c.kind === 'removed') k.removed++;
      else k.changed++;
      if (regression && c.kind !== 'removed') k.regressions++;
    }
  }
  return {
    from: from.map((s) => s.file),
    to: to.map((s) => s.file),
    changes,
    summary: { activitiesBefore: before.size, activitiesAfter: after.size, byKind, regressions, byCountry },
  };
}
