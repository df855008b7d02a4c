// What the fuzzer requires of one input: the reader gives a workbook or one file-level finding (never an exception),
// the packed read (the CLI's reader process) agrees with the plain read, the rules run, and the annotated copy is
// written and reads back.
import { isDeepStrictEqual } from 'node:util';
import { readWorkbookPacked, unpackWorkbook } from '../../src/file-formats/pack.js';
import { readWorkbook, type ReadLimits, type ReadResult } from '../../src/file-formats/read.js';
import type { Cell, WorkbookModel } from '../../src/model/workbook.js';
import { CopyRefusedError } from '../../src/file-formats/write-annotated.js';
import { checkedCopy, checkWorkbook } from '../../src/use-cases/check-file.js';
import type { FuzzInput } from './mutate.js';

/**
 * The outcome of one input: `ok`, the file-level code the reader answered with (or `copy refused` when the annotated
 * copy was refused with a reason), `masked` (file-corrupt with reason
 * parser-failed: a parser failing inside itself, reported to the user as a corrupt file), or a failure of the product:
 * `exception` (something threw), `mismatch` (the packed and the plain read disagree), `crash` or `timeout` (set by the
 * supervisor when the process checking the input died or stalled).
 */
export interface Outcome {
  index: number;
  kind: 'ok' | 'finding' | 'masked' | 'exception' | 'mismatch' | 'crash' | 'timeout';
  /** The finding code for `finding`; the stage and error for failures; the parser's words for `masked`. */
  detail?: string;
  ms: number;
}

/** True for the outcomes that fail a run. */
export function isFailure(o: Outcome): boolean {
  return o.kind === 'exception' || o.kind === 'mismatch' || o.kind === 'crash' || o.kind === 'timeout';
}

// A cell's keys with undefined values are as good as absent (the packed form leaves them out).
function sameCell(p: Cell | undefined, q: Cell | undefined): boolean {
  if (p === undefined || q === undefined) return p === q;
  const keys = new Set([...Object.keys(p), ...Object.keys(q)] as (keyof Cell)[]);
  for (const k of keys) if (!Object.is(p[k], q[k])) return false;
  return true;
}

// Holes and undefined cells are the same cell; everything else must match exactly.
function sameRows(a: readonly (Cell | undefined)[][], b: readonly (Cell | undefined)[][]): boolean {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    const x = a[r];
    const y = b[r];
    const n = Math.max(x.length, y.length);
    for (let c = 0; c < n; c++) {
      const p = x[c];
      const q = y[c];
      if (p === undefined && q === undefined) continue;
      if (!sameCell(p, q)) return false;
    }
  }
  return true;
}

function sameModel(a: WorkbookModel, b: WorkbookModel): boolean {
  if (a.date1904 !== b.date1904 || !isDeepStrictEqual(a.findings, b.findings) || !isDeepStrictEqual(a.omittedFindings, b.omittedFindings)) return false;
  if (a.sheets.length !== b.sheets.length) return false;
  return a.sheets.every((s, i) => {
    const t = b.sheets[i];
    return s.name === t.name && s.visibility === t.visibility && s.declaredRange === t.declaredRange && sameRows(s.rows, t.rows);
  });
}

function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 300);
  return String(err).slice(0, 300);
}

/** Runs one input through the reader, the packed reader, the rules and the annotated-copy writer. */
export function checkInput(input: FuzzInput, opts: { asOf: string; limits?: Partial<ReadLimits> }): Outcome {
  const t0 = performance.now();
  const done = (kind: Outcome['kind'], detail?: string): Outcome => ({ index: input.index, kind, detail, ms: Math.round(performance.now() - t0) });
  let stage = 'read';
  try {
    const plain: ReadResult = readWorkbook(input.bytes, input.name, opts.limits);
    stage = 'packed read';
    const packed = readWorkbookPacked(input.bytes, input.name, opts.limits);
    if (plain.ok !== packed.ok) return done('mismatch', `plain ${plain.ok ? 'ok' : plain.finding.code}, packed ${packed.ok ? 'ok' : packed.finding.code}`);
    if (!plain.ok || !packed.ok) {
      const a = plain.ok ? undefined : plain.finding;
      const b = packed.ok ? undefined : packed.finding;
      if (!isDeepStrictEqual(a, b)) return done('mismatch', `findings differ: ${JSON.stringify(a?.params)} / ${JSON.stringify(b?.params)}`);
      const f = a!;
      if (f.code === 'file-corrupt' && f.params.reason === 'parser-failed') return done('masked', f.params.detail);
      return done('finding', f.code === 'file-corrupt' ? `${f.code} ${f.params.reason}` : f.code);
    }
    if (!sameModel(plain.workbook, unpackWorkbook(packed.packed))) return done('mismatch', 'the packed model differs from the plain one');
    stage = 'rules';
    const checked = checkWorkbook(plain.workbook, input.name, opts.asOf);
    stage = 'annotated copy';
    let copy: Uint8Array;
    try {
      copy = checkedCopy(checked, () => input.bytes);
    } catch (err) {
      // A copy refused for what the workbook holds (cells across more than Excel's columns …) is an answer, said in words.
      if (err instanceof CopyRefusedError) return done('finding', 'copy refused');
      throw err;
    }
    stage = 'reading the copy';
    const back = readWorkbook(copy, 'copy.xlsx');
    if (!back.ok) return done('exception', `the annotated copy does not read back: ${back.finding.code} ${JSON.stringify(back.finding.params)}`);
    return done('ok');
  } catch (err) {
    return done('exception', `${stage}: ${errorText(err)}`);
  }
}
