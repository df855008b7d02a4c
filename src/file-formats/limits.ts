import { DEFAULT_MAX_FINDINGS } from '../model/finding-cap.js';

/** Bounds the reader enforces on untrusted files; every one has a default in DEFAULT_READ_LIMITS. */
export interface ReadLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Most entries a zip container may list. */
  maxEntries: number;
  /** Largest inflated size of one zip entry, in bytes. */
  maxEntryBytes: number;
  /** Largest inflated size of all entries together, in bytes. */
  maxTotalBytes: number;
  /** Largest inflated/compressed ratio of one entry, checked once it has inflated past `ratioFloorBytes`. */
  maxRatio: number;
  /** Inflated size below which the ratio is not checked: parts up to it cost no more than the absolute caps allow, whatever their ratio. */
  ratioFloorBytes: number;
  /** Most cells (with a value or formula) in the whole workbook. */
  maxCells: number;
  /** Most rows of one sheet. */
  maxRows: number;
  /** Most columns of one sheet. */
  maxColumns: number;
  /** Most findings the reader keeps in detail (control characters in every cell …); all are counted. */
  maxFindings: number;
}

const MiB = 1024 * 1024;

/**
 * Defaults, chosen from measurements: a 100,000-row × 13-column tracker saved by Excel is about
 * 14 MB and its sheet XML inflates to about 60 MB, so 50 MB per file is ample headroom; each part
 * is decoded into one JavaScript string, so no part may pass 256 MiB (V8 strings stop at ~512 MiB),
 * and all parts together 512 MiB. A bomb is judged by what inflating it costs, which these absolute
 * caps bound: the ratio says nothing about a part of a few MB (the most repetitive real sheet seen,
 * 57 MB of XML, compresses 121× as Excel saves it and over 200× re-zipped at level 9), so it is only
 * checked past 128 MiB, twice the largest tracker's sheet, where 200× stops a bomb halfway to the
 * part cap. 5 million cells is ~40× the largest tracker and stays well inside a 2 GB heap; rows and
 * columns are Excel's own limits; findings as the pipeline's cap.
 */
export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxFileBytes: 50 * MiB,
  maxEntries: 10_000,
  maxEntryBytes: 256 * MiB,
  maxTotalBytes: 512 * MiB,
  maxRatio: 200,
  ratioFloorBytes: 128 * MiB,
  maxCells: 5_000_000,
  maxRows: 1_048_576,
  maxColumns: 16_384,
  maxFindings: DEFAULT_MAX_FINDINGS,
});

/** Fills unset limits with the defaults. */
export function resolveLimits(limits?: Partial<ReadLimits>): ReadLimits {
  return { ...DEFAULT_READ_LIMITS, ...(limits ?? {}) };
}
