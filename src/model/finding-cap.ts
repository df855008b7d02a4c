import type { Finding, FindingCode } from './finding.js';

/** Findings kept in detail per file unless the host sets another number; their counts are always exact. */
export const DEFAULT_MAX_FINDINGS = 10_000;

/** Exact numbers of findings by code (codes that did not occur are absent). */
export type CodeCounts = Partial<Record<FindingCode, number>>;

/** Counts findings by code. */
export function countCodes(findings: readonly Finding[], into: CodeCounts = {}): CodeCounts {
  for (const f of findings) into[f.code] = (into[f.code] ?? 0) + 1;
  return into;
}

/** Adds `more` into `into` and returns it. */
export function addCounts(into: CodeCounts, more: CodeCounts | undefined): CodeCounts {
  if (!more) return into;
  for (const code in more) {
    const n = more[code as FindingCode] ?? 0;
    if (n > 0) into[code as FindingCode] = (into[code as FindingCode] ?? 0) + n;
  }
  return into;
}

/** The sum of counts. */
export function totalCount(counts: CodeCounts): number {
  let n = 0;
  for (const code in counts) n += counts[code as FindingCode] ?? 0;
  return n;
}

interface Kept {
  f: Finding;
  key: number;
  seq: number;
}

/**
 * Collects findings under a cap, so a file with a million bad cells costs the memory of `max` findings: every
 * finding is counted by code, and the first `max` in the order `key` gives (ties in arrival order; arrival order
 * when there is no key) are kept. Memory stays within twice the cap: past it, the kept ones are sorted and cut.
 */
export class FindingCap {
  private kept: Kept[] = [];
  private seq = 0;
  private sorted = true;
  /** Exact counts of everything added or counted. */
  readonly counts: CodeCounts = {};

  /** `max`: how many findings to keep; `key`: a number that orders findings (smaller first). */
  constructor(
    readonly max: number,
    private readonly key?: (f: Finding) => number,
  ) {}

  /** Counts a finding and keeps it while it is among the first `max`. */
  add(f: Finding): void {
    this.counts[f.code] = (this.counts[f.code] ?? 0) + 1;
    this.keep(f);
  }

  /** Keeps a finding that is already counted (see `count`). */
  keep(f: Finding): void {
    if (!this.key) {
      if (this.kept.length < this.max) this.kept.push({ f, key: 0, seq: this.seq++ });
      return;
    }
    if (this.max === 0) return;
    this.kept.push({ f, key: this.key(f), seq: this.seq++ });
    this.sorted = false;
    if (this.kept.length >= 2 * this.max) this.trim();
  }

  /** Adds counts of findings that are not handed over one by one. */
  count(counts: CodeCounts | undefined): void {
    addCounts(this.counts, counts);
  }

  private trim(): void {
    if (!this.sorted) this.kept.sort((a, b) => a.key - b.key || a.seq - b.seq);
    this.sorted = true;
    if (this.kept.length > this.max) this.kept.length = this.max;
  }

  /** The kept findings, in order. */
  findings(): Finding[] {
    this.trim();
    return this.kept.map((k) => k.f);
  }

  /** How many of each code were counted but not kept. */
  omittedByCode(): CodeCounts {
    this.trim();
    const left: CodeCounts = { ...this.counts };
    for (const { f } of this.kept) left[f.code] = (left[f.code] ?? 0) - 1;
    for (const code in left) if (!left[code as FindingCode]) delete left[code as FindingCode];
    return left;
  }

  /** How many findings were counted but not kept. */
  omitted(): number {
    this.trim();
    return totalCount(this.counts) - this.kept.length;
  }
}
