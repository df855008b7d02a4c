// The Excel stand-in behaves as real Excel does where the adapter used to get it wrong; each block first shows the
// stand-in doing what Excel does, then the pane's code coping with it.
import { describe, expect, it } from 'vitest';
import { getClause, leafClauses } from '../../src/catalog/index.js';
import { INPUT_COLUMNS } from '../../src/schema/columns.js';
import { insertClause } from '../../taskpane/clauses/clause-search.js';
import { PaneController } from '../../taskpane/pane/pane-controller.js';
import { createExcelHost } from '../../taskpane/sheet-host/excel-adapter.js';
import { HighlightLedger, LEDGER_SETTING } from '../../taskpane/sheet-host/highlight-ledger.js';
import { MemoryHost } from '../../taskpane/sheet-host/memory-host.js';
import { CancelledError, SEVERITY_FILL, type NewSheet } from '../../taskpane/sheet-host/sheet-host.js';
import { insertTemplate } from '../../taskpane/tracker/template-action.js';
import { runFill, runValidate } from '../../taskpane/tracker/tracker-actions.js';
import { FakeExcel, fakeSettings, PAYLOAD_LIMIT } from './fake-excel.js';
import { SAMPLE_HEADER, SAMPLE_ROWS } from './fixtures.js';

const opts = { asOf: '2025-06-30', uiLang: 'en' as const };

function excelHost(fake: FakeExcel, extra: Partial<Parameters<typeof createExcelHost>[0]> = {}) {
  const settings = fakeSettings();
  return { settings, host: createExcelHost({ excel: fake.excel, settings, isSetSupported: fake.isSetSupported, ...extra }) };
}

/** The sample tracker on the active sheet, dates as text (they stay dates to the validator). */
function sampleFake(): FakeExcel {
  const fake = new FakeExcel(['活动清单']);
  fake.put('活动清单', [['澜湄合作活动清单（示例）'], SAMPLE_HEADER, ...SAMPLE_ROWS]);
  return fake;
}

/** The stored ledger of a settings object. */
const ledgerOf = (settings: ReturnType<typeof fakeSettings>) => HighlightLedger.parse(settings.get(LEDGER_SETTING));

describe('table names are unique in a workbook', () => {
  it('the stand-in refuses a second table of the same name', async () => {
    const fake = new FakeExcel(['A', 'B']);
    await expect(
      fake.excel.run(async (ctx: any) => {
        ctx.workbook.worksheets.getItem('A').tables.add('A1:B2', true).name = 'LmcTracker';
        ctx.workbook.worksheets.getItem('B').tables.add('A1:B2', true).name = 'lmctracker';
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(fake.allTables().map((t) => t.name)).toEqual(['LmcTracker', 'Table2']);
  });

  it('inserting the template twice, and a zh and an en template, gives each its own table', async () => {
    const fake = new FakeExcel(['Sheet1']);
    const { host } = excelHost(fake);
    expect(await insertTemplate(host, 'zh')).toEqual({ sheet: '活动清单', clauses: '条款' });
    expect(await insertTemplate(host, 'en')).toEqual({ sheet: 'Activities', clauses: 'Clauses' });
    expect(await insertTemplate(host, 'en')).toEqual({ sheet: 'Activities (2)', clauses: 'Clauses (2)' });
    expect(fake.sheets.get('活动清单')!.tables[0]!.name).toBe('LmcTracker');
    expect(fake.sheets.get('Activities')!.tables[0]!.name).toBe('LmcTracker2');
    expect(fake.sheets.get('Activities (2)')!.tables[0]!.name).toBe('LmcTracker3');
    // The second template's clause dropdown points at its own clause sheet.
    const sources = fake.sheets.get('Activities (2)')!.validation.map((v) => (v.rule as { list: { source: string } }).list.source);
    expect(sources).toContain(`='Clauses (2)'!$A$2:$A$${leafClauses('AP').length + 1}`);
  });

  it('never leaves a half-built sheet: a sheet whose later batch fails is removed again', async () => {
    const fake = new FakeExcel(['Sheet1']);
    const { host } = excelHost(fake, { maxChunkRows: 2 });
    const spec: NewSheet = { name: 'Big', header: ['a'], rows: [['x'], ['y'], ['z'.repeat(PAYLOAD_LIMIT)]] };
    await expect(host.addSheet(spec)).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect([...fake.sheets.keys()]).toEqual(['Sheet1']);
  });

  it('the template removes its clause sheet when the activity sheet cannot be made', async () => {
    class FailingHost extends MemoryHost {
      override async addSheet(spec: NewSheet): Promise<string> {
        if (spec.table) throw new Error('no room for the table');
        return super.addSheet(spec);
      }
    }
    const host = new FailingHost([{ name: 'Sheet1', visibility: 'visible', rows: [] }]);
    await expect(insertTemplate(host, 'en')).rejects.toThrow('no room for the table');
    expect([...host.sheets.keys()]).toEqual(['Sheet1']);
  });

  it('the pane’s template writes what the CLI’s template has: bold frozen headers, a filtered table, four dropdowns that warn', async () => {
    const fake = new FakeExcel(['Sheet1']);
    const { host } = excelHost(fake);
    await insertTemplate(host, 'en');
    const activities = fake.sheets.get('Activities')!;
    expect(activities.frozenRows).toBe(1);
    expect(fake.sheets.get('Clauses')!.frozenRows).toBe(1);
    expect(fake.cell('Activities', 0, 0)!.bold).toBe(true);
    expect(fake.cell('Clauses', 0, 0)!.bold).toBe(true);
    // An Excel table carries its own filter buttons on the header row.
    expect(activities.tables[0]).toMatchObject({ rowIndex: 0, columnIndex: 0, columnCount: INPUT_COLUMNS.length });
    const col = (key: string) => INPUT_COLUMNS.findIndex((c) => c.key === key);
    const byCol = new Map(activities.validation.map((v) => [v.address.replace(/\d+/g, ''), v]));
    for (const key of ['clause', 'lead_country', 'status', 'funding']) {
      const letter = String.fromCharCode(65 + col(key));
      expect(byCol.get(`${letter}:${letter}`), key).toMatchObject({ errorAlert: { style: 'Warning' } });
    }
    expect(activities.validation).toHaveLength(4);
  });
});

describe('a formula written into a text cell stays text', () => {
  it('the stand-in keeps it as text', async () => {
    const fake = new FakeExcel();
    fake.put('Activities', [['x']], { formats: [['@']] });
    await fake.excel.run(async (ctx: any) => {
      ctx.workbook.worksheets.getItem('Activities').getRange('A1').formulas = [['=1+1']];
      await ctx.sync();
    });
    expect(fake.cell('Activities', 0, 0)).toMatchObject({ value: '=1+1' });
    expect(fake.cell('Activities', 0, 0)!.formula).toBeUndefined();
  });

  it('“Insert as formula” into a text-formatted cell makes a formula', async () => {
    const fake = new FakeExcel();
    fake.put('Activities', [[]]);
    fake.sheets.get('Activities')!.cells.set('3,2', { value: '', format: '@' });
    const { host } = excelHost(fake);
    await insertClause(host, getClause('AP-4.2.12')!, 'text', true, 'zh');
    expect(fake.cell('Activities', 3, 2)).toMatchObject({ formula: '=LMC.CLAUSE("AP-4.2.12")', format: 'General' });
  });
});

describe('a failed command ends its batch', () => {
  it('the stand-in runs what came before the failure and nothing after it', async () => {
    const fake = new FakeExcel();
    await expect(
      fake.excel.run(async (ctx: any) => {
        const sheet = ctx.workbook.worksheets.getItem('Activities');
        sheet.getRange('A1').values = [['before']];
        ctx.workbook.comments.getItemByCell('Activities!B2').delete();
        sheet.getRange('A2').values = [['after']];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
    expect(fake.cell('Activities', 0, 0)?.value).toBe('before');
    expect(fake.cell('Activities', 1, 0)).toBeUndefined();
  });

  it('clearing comments after the user deleted one removes all the others (comments fallback, ExcelApi 1.10)', async () => {
    const fake = new FakeExcel(['S']);
    fake.apiVersion = '1.10';
    fake.put('S', [['a', 'b', 'c', 'd']]);
    const { host, settings } = excelHost(fake);
    await host.mark('S', [0, 1, 2, 3].map((col) => ({ row: 0, col, severity: 'error' as const, note: `n${col}` })));
    const comments = fake.sheets.get('S')!.comments;
    expect([...comments.keys()]).toEqual(['A1', 'B1', 'C1', 'D1']);
    comments.delete('A1');
    expect(await host.clearMarks('S')).toBe(4);
    expect(comments.size).toBe(0);
    expect(fake.cell('S', 0, 3)!.fill).toBeUndefined();
    expect(ledgerOf(settings).entries('S')).toEqual([]);
  });

  it('a comment that cannot be deleted stays on the ledger for the next run', async () => {
    const fake = new FakeExcel(['S']);
    fake.apiVersion = '1.10';
    fake.put('S', [['a', 'b']]);
    const { host, settings } = excelHost(fake);
    await host.mark('S', [0, 1].map((col) => ({ row: 0, col, severity: 'error' as const, note: `n${col}` })));
    fake.sheets.get('S')!.protected = true;
    await expect(host.clearMarks('S')).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(ledgerOf(settings).entries('S')).toHaveLength(2);
    fake.sheets.get('S')!.protected = false;
    await host.clearMarks('S');
    expect(fake.sheets.get('S')!.comments.size).toBe(0);
  });
});

describe('a cell holds one note or one comment', () => {
  it('the stand-in refuses a second comment, a note beside a comment, and a lookup of a comment that is gone', async () => {
    const fake = new FakeExcel();
    fake.sheets.get('Activities')!.comments.set('A1', 'theirs');
    fake.sheets.get('Activities')!.notes.set('B1', 'theirs');
    const attempt = (f: (ctx: any) => void) => fake.excel.run(async (ctx: any) => { f(ctx); await ctx.sync(); });
    await expect(attempt((ctx) => ctx.workbook.comments.add('Activities!A1', 'x'))).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(attempt((ctx) => ctx.workbook.comments.add('Activities!B1', 'x'))).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(attempt((ctx) => ctx.workbook.worksheets.getItem('Activities').notes.add('A1', 'x'))).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(attempt((ctx) => ctx.workbook.comments.getItemByCell('Activities!C1').load('content'))).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  it('marking skips cells that carry the user’s note or comment, and keeps their text (notes, ExcelApi 1.18)', async () => {
    const fake = new FakeExcel(['S']);
    fake.put('S', [['a', 'b', 'c']]);
    fake.sheets.get('S')!.comments.set('A1', 'their comment');
    fake.sheets.get('S')!.notes.set('B1', 'their note');
    const { host } = excelHost(fake);
    expect(await host.mark('S', [0, 1, 2].map((col) => ({ row: 0, col, severity: 'warning' as const, note: 'ours' })))).toBe(3);
    const s = fake.sheets.get('S')!;
    expect([s.comments.get('A1'), s.notes.get('B1'), s.notes.get('C1')]).toEqual(['their comment', 'their note', 'ours']);
    expect(s.notes.has('A1')).toBe(false);
    expect(fake.cell('S', 0, 0)!.fill).toBe(SEVERITY_FILL.warning);
    await host.clearMarks('S');
    expect([s.comments.get('A1'), s.notes.get('B1'), s.notes.has('C1')]).toEqual(['their comment', 'their note', false]);
  });

  it('with comments only, a cell with a legacy note the host cannot see takes no comment, and the others still do', async () => {
    const fake = new FakeExcel(['S']);
    fake.apiVersion = '1.17';
    fake.put('S', [['a', 'b', 'c']]);
    fake.sheets.get('S')!.notes.set('B1', 'their note');
    fake.sheets.get('S')!.comments.set('C1', 'their comment');
    const { host } = excelHost(fake);
    await host.mark('S', [0, 1, 2].map((col) => ({ row: 0, col, severity: 'error' as const, note: 'ours' })));
    const s = fake.sheets.get('S')!;
    expect(Object.fromEntries(s.comments)).toEqual({ A1: 'ours', C1: 'their comment' });
    expect([0, 1, 2].map((c) => fake.cell('S', 0, c)!.fill)).toEqual([SEVERITY_FILL.error, SEVERITY_FILL.error, SEVERITY_FILL.error]);
    await host.clearMarks('S');
    expect(Object.fromEntries(s.comments)).toEqual({ C1: 'their comment' });
    expect(s.notes.get('B1')).toBe('their note');
  });
});

describe('notes need ExcelApi 1.18', () => {
  it('the stand-in refuses the notes API on an older host', async () => {
    const fake = new FakeExcel();
    fake.apiVersion = '1.17';
    await expect(
      fake.excel.run(async (ctx: any) => {
        ctx.workbook.worksheets.getItem('Activities').notes.getItemOrNullObject('A1').load('content');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  it('a workbook highlighted with notes can be validated again on Excel 2021/2024: fills restored, notes left for a host with the API', async () => {
    const fake = sampleFake();
    const { host, settings } = excelHost(fake);
    await runValidate(host, opts);
    const notes = fake.sheets.get('活动清单')!.notes;
    const noted = notes.size;
    expect(noted).toBeGreaterThan(0);
    fake.apiVersion = '1.17';
    const again = await runValidate(host, opts);
    expect(again.cleared).toBeGreaterThan(0);
    // The old notes stay (no API to remove them), still on the ledger; the new run highlighted the same cells again.
    expect(notes.size).toBe(noted);
    expect(ledgerOf(settings).entries('活动清单').filter((e) => e.filled === false)).toHaveLength(noted);
    await runValidate(host, opts);
    fake.apiVersion = '1.18';
    await host.clearMarks('活动清单');
    expect(notes.size).toBe(0);
    expect(ledgerOf(settings).entries('活动清单')).toEqual([]);
  });
});

describe('protected sheets and cell editing', () => {
  it('the stand-in refuses writes on a protected sheet, and a batch without delayForCellEdit while a cell is edited', async () => {
    const fake = new FakeExcel();
    fake.sheets.get('Activities')!.protected = true;
    const write = (ctx: any) => {
      ctx.workbook.worksheets.getItem('Activities').getRange('A1').values = [['x']];
      return ctx.sync();
    };
    await expect(fake.excel.run(write)).rejects.toMatchObject({ code: 'AccessDenied' });
    fake.sheets.get('Activities')!.protected = false;
    fake.cellEditing = true;
    await expect(fake.excel.run(write)).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    await fake.excel.run({ delayForCellEdit: true }, write);
    expect(fake.cell('Activities', 0, 0)?.value).toBe('x');
  });

  it('the adapter waits for the cell edit to end instead of failing', async () => {
    const fake = sampleFake();
    fake.cellEditing = true;
    const { host } = excelHost(fake);
    const out = await runValidate(host, opts);
    expect(out.counts.error).toBeGreaterThan(0);
    expect(fake.stats.runs.every((r) => r.delayForCellEdit === true)).toBe(true);
  });

  it('the pane says what to do about a protected sheet, in its language', async () => {
    const fake = sampleFake();
    fake.sheets.get('活动清单')!.protected = true;
    const { host } = excelHost(fake);
    for (const [lang, words] of [['en', /Unprotect/], ['zh', /撤消工作表保护/]] as const) {
      const ctl = new PaneController(host, { mode: 'excel', lang, today: '2025-06-30' });
      await ctl.validate();
      expect(ctl.state.message).toMatchObject({ kind: 'failed', error: expect.stringMatching(words) });
    }
  });
});

describe('requests and responses over 5 MB are refused', () => {
  it('the stand-in refuses a request over 5 MB, counted in UTF-8 bytes', async () => {
    const fake = new FakeExcel();
    // 2 million CJK characters: 2 MB as UTF-16 code units, 6 MB as UTF-8.
    const text = '水'.repeat(2_000_000);
    await expect(
      fake.excel.run(async (ctx: any) => {
        ctx.workbook.worksheets.getItem('Activities').getRange('A1').values = [[text]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
  });

  it('reads long Chinese rows in chunks sized by UTF-8 bytes', async () => {
    const fake = new FakeExcel();
    const rows = Array.from({ length: 1500 }, (_, i) => [`${i}`, '水资源合作'.repeat(400)]);
    fake.put('Activities', rows);
    // A budget of 4 MB: counted in characters, a chunk of these rows would carry 12 MB.
    const { host } = excelHost(fake, { payloadBudget: 4_000_000 });
    const read = await host.readActiveSheet();
    expect(read.grid.rows).toHaveLength(1500);
    expect(fake.stats.maxResponseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
  });
});

describe('the selection may not be a range', () => {
  it('the stand-in refuses getSelectedRange for several areas or a chart', async () => {
    const fake = new FakeExcel();
    for (const kind of ['areas', 'chart'] as const) {
      fake.selection = { kind };
      await expect(
        fake.excel.run(async (ctx: any) => {
          ctx.workbook.getSelectedRange().load('address');
          await ctx.sync();
        }),
      ).rejects.toMatchObject({ code: 'InvalidSelection' });
    }
  });

  it('inserting a clause with a chart selected tells the user to select a cell', async () => {
    const fake = new FakeExcel();
    fake.selection = { kind: 'chart' };
    const { host } = excelHost(fake);
    const ctl = new PaneController(host, { mode: 'excel', lang: 'en', today: '2025-06-30' });
    ctl.clauses.select('AP-4.2.12');
    await ctl.clauses.insert!('id');
    expect(ctl.state.clauses.status).toEqual({ kind: 'failed', error: expect.stringMatching(/^Select a single cell/) });
  });
});

describe('the highlight ledger', () => {
  it('is saved as each batch lands, so a cancelled Validate leaves nothing the add-in does not know about', async () => {
    const fake = new FakeExcel(['S']);
    fake.put('S', Array.from({ length: 30 }, (_, i) => [`r${i}`]));
    const { host, settings } = excelHost(fake, { maxCellOps: 10 });
    const ctl = new AbortController();
    const marks = Array.from({ length: 30 }, (_, i) => ({ row: i, col: 0, severity: 'error' as const, note: 'x' }));
    await expect(host.mark('S', marks, { signal: ctl.signal, onProgress: (p) => p.done >= 10 && ctl.abort() })).rejects.toBeInstanceOf(CancelledError);
    const filled = [...fake.sheets.get('S')!.cells.values()].filter((c) => c.fill).length;
    expect(filled).toBe(10);
    expect(HighlightLedger.parse(settings.persisted.get(LEDGER_SETTING)).entries('S')).toHaveLength(10);
    expect(await host.clearMarks('S')).toBe(10);
    expect([...fake.sheets.get('S')!.cells.values()].filter((c) => c.fill)).toEqual([]);
    expect(fake.sheets.get('S')!.notes.size).toBe(0);
  });

  it('reports a failed save of the document settings', async () => {
    const fake = new FakeExcel(['S']);
    fake.put('S', [['a']]);
    const { host, settings } = excelHost(fake);
    settings.fail = true;
    await expect(host.mark('S', [{ row: 0, col: 0, severity: 'error' }])).rejects.toMatchObject({ code: 'LedgerNotSaved' });
  });

  it('stays within its size budget: past it nothing more is highlighted', async () => {
    const fake = new FakeExcel(['S']);
    fake.put('S', Array.from({ length: 200 }, (_, i) => [`r${i}`]));
    const { host, settings } = excelHost(fake, { ledgerBudget: 2000, maxCellOps: 50 });
    const marked = await host.mark('S', Array.from({ length: 200 }, (_, i) => ({ row: i, col: 0, severity: 'info' as const })));
    expect(marked).toBeGreaterThan(10);
    expect(marked).toBeLessThan(200);
    expect(new TextEncoder().encode(String(settings.get(LEDGER_SETTING))).length).toBeLessThanOrEqual(2000);
    expect([...fake.sheets.get('S')!.cells.values()].filter((c) => c.fill)).toHaveLength(marked);
  });
});

describe('screen updating and tables', () => {
  it('suspends screen updating once per run, not once per chunk', async () => {
    const fake = new FakeExcel();
    const { host } = excelHost(fake, { maxChunkRows: 100 });
    await host.writeColumns('Activities', [{ col: 0, firstRow: 0, values: Array.from({ length: 1000 }, () => 'OK'), text: true }]);
    expect(fake.stats.syncs).toBeGreaterThan(5);
    expect(fake.stats.suspended).toBe(1);
  });

  it('Fill widens the tracker’s table over the columns it appends', async () => {
    const fake = sampleFake();
    fake.sheets.get('活动清单')!.tables.push({ name: 'Tracker', rowIndex: 1, columnIndex: 0, rowCount: SAMPLE_ROWS.length + 1, columnCount: SAMPLE_HEADER.length });
    const { host } = excelHost(fake);
    const out = await runFill(host, { ...opts, uiLang: 'zh' });
    expect(out.keys).toHaveLength(3);
    expect(fake.sheets.get('活动清单')!.tables[0]).toMatchObject({ rowIndex: 1, columnIndex: 0, columnCount: SAMPLE_HEADER.length + 3 });
  });
});
