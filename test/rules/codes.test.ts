// Every emitter lists the codes it may report: rules in `codes`, the reader, locate and the CLI in an exported
// `codes`. Each is run over many inputs here and must report nothing outside its list; together the lists cover
// every code of the contract.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes as readFileCodes, readWorkbookFile } from '../../src/cli/read-file.js';
import { codes as validateCodes } from '../../src/cli/commands/validate.js';
import { codes as readCodes, readWorkbook, type ReadLimits, type ReadResult } from '../../src/file-formats/read.js';
import type { Finding, FindingCode } from '../../src/model/finding.js';
import { FINDING_CODES } from '../../src/model/severity.js';
import type { WorkbookModel } from '../../src/model/workbook.js';
import { clauseMismatchRule } from '../../src/rules/clause-mismatch.js';
import { ROW_RULES, TABLE_RULES } from '../../src/rules/engine.js';
import type { RowRule, TableRule } from '../../src/rules/types.js';
import { codes as locateCodes, locateTracker } from '../../src/schema/locate.js';
import { validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import { checkFile } from '../../src/use-cases/check-file.js';
import { codes as summaryCodes, submissionOf, summariseQuarter } from '../../src/use-cases/summary.js';
import { quarterOne, quarterTwo } from '../quarter/fixtures.js';
import { trackerRows, trackerXlsx } from '../bench/tracker-gen.js';
import { concat, rawXlsx, utf8, xlsxFromSheets } from '../file-formats/read-fixtures.js';
import { goldenInputs } from '../golden/fixtures.js';
import { BASE, HEADER_ZH, KEYS, sheet, workbook, type TestValue } from './helpers.js';

const AS_OF = '2024-06-30';
const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/real');

type Over = Partial<Record<(typeof KEYS)[number], TestValue>>;

// One change of the valid base row for each way a row can go wrong; rows mix a few of them.
const MUTATIONS: Over[] = [
  { activity: null }, { lead_country: null }, { start: null }, { status: null },
  { start: 'not a date' }, { end: '2024-02-30' }, { start: 2024 }, { progress: 'abc' }, { budget: 'lots' },
  { end: { v: '#N/A', t: 'e', w: '#N/A' } }, { agency: { v: '#REF!', t: 'e' } },
  { lead_country: 'Japan' }, { status: 'Finished' }, { funding: 'ADB' }, { partners: '中国、日本' },
  { activity: 'x'.repeat(201) }, { description: 'y'.repeat(2001) },
  { activity_id: 'KH2024-1' }, { activity_id: 'KH-2024-001' },
  { clause: '4.2.99' }, { clause: 'ND-12' }, { clause: '倡议第三条' }, { clause: 'see plan' }, { clause: '4.2' }, { clause: null },
  { start: '2024-05-01', end: '2024-04-01' }, { start: '2022-12-31' }, { end: '2028-01-01' },
  { progress: 150 }, { progress: -1 }, { budget: -5 },
  { status: '已完成', progress: 0.5 }, { status: '未启动', progress: 0.3, start: '2025-01-01' },
  { activity_id: 'CN-2024-009' }, { partners: '柬埔寨、老挝' },
  { end: '2024-06-01' }, { status: '延期', end: '2024-05-31' }, { status: '未启动', progress: 0, start: '2024-03-01' },
  { activity: '澜湄水资源合作论坛筹备', description: '举办第四届澜湄水资源合作论坛', clause: '4.2.1' },
  { activity: '湄公河水资源管理联合培训' },
];

/** A small deterministic pseudo-random generator, so every run builds the same rows. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
}

function mutatedRows(n: number, seed: number): TestValue[][] {
  const rand = rng(seed);
  const rows: TestValue[][] = [];
  for (let i = 0; i < n; i++) {
    // Every mutation once on its own, then random mixes of up to three.
    const picks = i < MUTATIONS.length ? [MUTATIONS[i]] : Array.from({ length: 1 + Math.floor(rand() * 3) }, () => MUTATIONS[Math.floor(rand() * MUTATIONS.length)]);
    const r: Record<string, TestValue> = { ...BASE, activity_id: `KH-2024-${String(100 + (i % 900)).padStart(3, '0')}`, activity: `活动 ${i}` };
    for (const m of picks) Object.assign(r, m);
    rows.push(KEYS.map((k) => r[k]));
  }
  return rows;
}

/** Workbooks built from rows: the standard header, one with required columns missing, one with extra and repeated headers. */
function rowWorkbooks(): WorkbookModel[] {
  const rows = mutatedRows(1200, 7);
  const withoutName = (r: TestValue[]) => r.filter((_, c) => KEYS[c] !== 'activity' && KEYS[c] !== 'lead_country');
  return [
    workbook([sheet('活动清单', [HEADER_ZH, ...rows])]),
    workbook([sheet('活动清单', [withoutName(HEADER_ZH), ...rows.slice(0, 300).map(withoutName)])]),
    workbook([sheet('活动清单', [[...HEADER_ZH, 'Donor', '实施状态'], ...rows.slice(0, 300).map((r) => [...r, 'ADB', '进行中'])])]),
  ];
}

/** The reader's inputs: the golden fixtures, generated trackers, a few hand-made oddities and the third-party corpus. */
function readerInputs(): [string, Uint8Array][] {
  const inputs: [string, Uint8Array][] = Object.entries(goldenInputs());
  inputs.push(['generated.xlsx', trackerXlsx(trackerRows(1000, 0.5, 3, AS_OF))]);
  inputs.push(['hidden.xlsx', xlsxFromSheets({ 活动清单: [HEADER_ZH], 说明: [['x']] }, { hidden: { 说明: 2 } })]);
  inputs.push(['long.xlsx', rawXlsx({ sheetData: `<row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(32_768)}</t></is></c></row>` })]);
  inputs.push(['big.xlsx', new Uint8Array(2048)], ['bomb.xlsx', xlsxFromSheets({ 活动清单: [HEADER_ZH] })]);
  // A UTF-8 CSV with one Windows-1252 byte: read as UTF-8, the byte reported at its cell.
  inputs.push(['stray.csv', concat(utf8(`${HEADER_ZH.join(',')}\n${'柬埔寨,'.repeat(12)}Caf`), [0xe9], utf8('\n'))]);
  if (existsSync(CORPUS)) {
    // The two large corpus files take seconds and bring no code the small ones lack (corpus.test.ts reads them).
    for (const name of readdirSync(CORPUS).filter((f) => !f.startsWith('.')).sort()) {
      if (statSync(path.join(CORPUS, name)).size < 500_000) inputs.push([name, new Uint8Array(readFileSync(path.join(CORPUS, name)))]);
    }
  }
  return inputs;
}

// Tight limits for two inputs, so the reader refuses them as too large and as a zip bomb.
const LIMITS: Record<string, Partial<ReadLimits>> = { 'big.xlsx': { maxFileBytes: 1024 }, 'bomb.xlsx': { maxEntries: 2 } };

// Every input read once, shared by all tests below.
let reads: ReadResult[] = [];
beforeAll(() => {
  reads = readerInputs().map(([name, bytes]) => readWorkbook(bytes, name, LIMITS[name]));
});

const outside = (seen: Iterable<FindingCode>, listed: readonly FindingCode[]): FindingCode[] => [...seen].filter((c) => !listed.includes(c));

/** Replaces a rule's check by one that also records the codes it reports; returns what undoes it. */
function watch<A extends unknown[]>(rule: { check(...args: A): Finding[] }, seen: Set<FindingCode>): () => void {
  const check = rule.check;
  rule.check = (...args: A) => {
    const out = check.apply(rule, args);
    for (const f of out) seen.add(f.code);
    return out;
  };
  return () => {
    rule.check = check;
  };
}

/** Replaces a table rule's start by one whose passes also record the codes they report; returns what undoes it. */
function watchTable(rule: TableRule, seen: Set<FindingCode>): () => void {
  const start = rule.start;
  rule.start = (ctx) => {
    const pass = start.call(rule, ctx);
    return {
      row: pass.row && ((r) => {
        const f = pass.row!(r);
        if (f) seen.add(f.code);
        return f;
      }),
      end: pass.end && (() => {
        const out = pass.end!();
        for (const f of out) seen.add(f.code);
        return out;
      }),
    };
  };
  return () => {
    rule.start = start;
  };
}

describe('rules report only the codes they list', () => {
  const rules: (RowRule | TableRule)[] = [...ROW_RULES, ...TABLE_RULES, clauseMismatchRule];
  const seen = new Map<RowRule | TableRule, Set<FindingCode>>();
  const restore: (() => void)[] = [];

  beforeAll(() => {
    for (const rule of rules) seen.set(rule, new Set());
    for (const rule of [...ROW_RULES, clauseMismatchRule]) restore.push(watch(rule, seen.get(rule)!));
    for (const rule of TABLE_RULES) restore.push(watchTable(rule, seen.get(rule)!));
    const models = [...rowWorkbooks(), ...reads.flatMap((r) => (r.ok ? [r.workbook] : []))];
    for (const wb of models) validateWorkbook(wb, { asOf: AS_OF });
  });

  afterAll(() => restore.forEach((r) => r()));

  it.each(rules.map((r) => [r.codes.join(', '), r] as const))('%s', (_, rule) => {
    expect(outside(seen.get(rule)!, rule.codes)).toEqual([]);
  });

  it('the inputs reach every code the rules list, so the check above is not vacuous', () => {
    const reached = new Set(rules.flatMap((r) => [...seen.get(r)!]));
    expect(outside(rules.flatMap((r) => r.codes), [...reached])).toEqual([]);
  });
});

describe('the reader, locating the table and the CLI report only the codes they list', () => {
  it('reader and locate', () => {
    const read = new Set<FindingCode>();
    const located = new Set<FindingCode>();
    for (const r of reads) {
      if (!r.ok) {
        read.add(r.finding.code);
        continue;
      }
      for (const f of r.workbook.findings) read.add(f.code);
      const l = locateTracker(r.workbook);
      if (!l.ok) located.add(l.finding.code);
      for (const f of l.ok ? l.findings : []) located.add(f.code);
    }
    expect(outside(read, readCodes)).toEqual([]);
    expect(outside(located, locateCodes)).toEqual([]);
    expect([...read].sort()).toEqual([...readCodes].sort());
    expect([...located].sort()).toEqual(['sheet-empty', 'sheet-no-header']);
  });

  it('reading a file from disk', async () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const results = await Promise.all([readWorkbookFile(path.join(here, 'no-such-file.xlsx')), readWorkbookFile(here)]);
    const codes = results.flatMap((r) => (r.ok ? [] : [r.finding.code]));
    expect(codes).toEqual(['file-unreadable', 'file-unreadable']);
    expect(outside(codes, [...readFileCodes, ...readCodes])).toEqual([]);
  });
});

describe('the quarterly summary reports only the codes it lists', () => {
  it('over two generated quarters', () => {
    const reached = new Set<FindingCode>();
    for (const [files, asOf] of [[quarterOne(), '2025-03-31'], [quarterTwo(), '2025-06-30']] as const) {
      const subs = Object.entries(files).flatMap(([name, bytes]) => {
        const c = checkFile(bytes, name, asOf);
        return c.ok ? [submissionOf(name, c.validation, asOf)] : [];
      });
      for (const f of summariseQuarter(subs, asOf).crossFile) reached.add(f.code);
    }
    expect(outside(reached, summaryCodes)).toEqual([]);
    expect(outside(summaryCodes, [...reached])).toEqual([]);
  });
});

describe('ownership', () => {
  it('every code of the contract has at least one emitter that lists it', () => {
    const listed = new Set<FindingCode>([
      ...ROW_RULES.flatMap((r) => r.codes), ...TABLE_RULES.flatMap((r) => r.codes), ...clauseMismatchRule.codes,
      ...readCodes, ...locateCodes, ...readFileCodes, ...validateCodes, ...summaryCodes,
    ]);
    expect(outside(FINDING_CODES, [...listed])).toEqual([]);
    expect(outside(listed, FINDING_CODES)).toEqual([]);
  });
});
