import { describe, expect, it } from 'vitest';
import { en } from '../../src/messages/en.js';
import { messagesOf, renderMessage } from '../../src/messages/index.js';
import { zh } from '../../src/messages/zh.js';
import { finding, type FileCorruptReason, type Finding, type FindingCode, type FindingParamsByCode, type FindingPlace } from '../../src/model/finding.js';
import { FINDING_CODES } from '../../src/model/severity.js';

const f = <C extends FindingCode>(code: C, over: Partial<FindingPlace> & { params: FindingParamsByCode[C] }): Finding<C> => {
  const { params, ...place } = over;
  return finding(code, { row: 5, column: null, cell: null, value: null, sheet: '活动清单', ...place }, params);
};

// For every code: a finding as the rules produce it, and the pieces both languages must show.
const SAMPLES: { [C in FindingCode]: [Finding<C>, string[]] } = {
  'missing-column': [f('missing-column', { row: 1, column: 'start', params: {} }), ['开始日期', 'Start date', '开始时间', '1']],
  'unknown-column': [f('unknown-column', { row: 1, column: 'Donor', cell: 'N1', value: 'Donor', params: { duplicateOf: null } }), ['Donor', 'N1']],
  required: [f('required', { column: 'lead_country', cell: 'E5', params: {} }), ['E5', 'KH']],
  type: [f('type', { column: 'start', cell: 'H5', value: '2024-02-30', params: { reason: 'impossible-date', expected: 'date' } }), ['H5', '2024-02-30']],
  enum: [f('enum', { column: 'status', cell: 'J5', value: 'Finished', params: { allowed: ['未启动 / Not started', '已完成 / Completed'], nearest: '已完成 / Completed' } }), ['J5', 'Finished', '未启动 / Not started', '已完成 / Completed']],
  'too-long': [f('too-long', { column: 'activity', cell: 'B5', value: 'x', params: { max: 200, length: 201 } }), ['B5', '200', '201']],
  'id-format': [f('id-format', { column: 'activity_id', cell: 'A5', value: 'KH-24-1', params: { pattern: 'CC-YYYY-NNN', countries: ['KH', 'CN'], normalised: 'KH-24-1' } }), ['A5', 'KH-24-1', 'CC-YYYY-NNN', 'KH']],
  'duplicate-id': [f('duplicate-id', { column: 'activity_id', cell: 'A7', value: 'KH-2024-001', params: { firstRow: 3, id: 'KH-2024-001' } }), ['A7', 'KH-2024-001', '3']],
  'unknown-clause': [f('unknown-clause', { column: 'clause', cell: 'D5', value: 'ND-12', params: { reason: 'not-action-plan', id: 'ND-12', doc: 'ND', suggestions: [] } }), ['D5', 'ND-12', '4.2.12']],
  'not-leaf-clause': [f('not-leaf-clause', { column: 'clause', cell: 'D5', value: '4.2', params: { id: 'AP-4.2', suggestions: ['AP-4.2.1', 'AP-4.2.2'] } }), ['D5', 'AP-4.2', 'AP-4.2.1', 'AP-4.2.2']],
  'date-order': [f('date-order', { column: 'end', cell: 'I5', value: '2024-04-30', params: { start: '2024-05-01', end: '2024-04-30', startCell: 'H5' } }), ['I5', 'H5', '2024-05-01', '2024-04-30']],
  'out-of-period': [f('out-of-period', { column: 'end', cell: 'I5', value: '2028-01-01', params: { from: '2023-01-01', to: '2027-12-31', date: '2028-01-01' } }), ['I5', '2023-01-01', '2027-12-31', '2028-01-01']],
  range: [f('range', { column: 'progress', cell: 'K5', value: 120, params: { min: 0, max: 100, bound: 'max' } }), ['K5', '120', '100']],
  'status-progress': [f('status-progress', { column: 'progress', cell: 'K5', value: 0.9, params: { status: 'completed', progress: 90, expected: 100 } }), ['K5', '90', '100']],
  'id-country': [f('id-country', { column: 'activity_id', cell: 'A5', value: 'CN-2024-001', params: { idCountry: 'CN', leadCountry: 'KH' } }), ['A5', 'CN', 'KH']],
  'partner-is-lead': [f('partner-is-lead', { column: 'partners', cell: 'F5', value: 'KH、LA', params: { country: 'KH' } }), ['F5']],
  overdue: [f('overdue', { column: 'end', cell: 'I5', value: '2024-06-29', params: { status: 'delayed', end: '2024-06-29', asOf: '2024-06-30' } }), ['I5', '2024-06-29', '2024-06-30']],
  'late-start': [f('late-start', { column: 'start', cell: 'H5', value: '2024-06-29', params: { start: '2024-06-29', asOf: '2024-06-30' } }), ['H5', '2024-06-29', '2024-06-30']],
  'clause-mismatch': [f('clause-mismatch', { column: 'clause', cell: 'D5', value: '4.2.12', params: { given: 'AP-4.2.12', suggested: 'AP-4.3.3', suggestedTitleZh: '教育和人力资源开发', suggestedTitleEn: 'Education and human resources development', confidence: 0.715 } }), ['D5', 'AP-4.2.12', 'AP-4.3.3', '0.72']],
  'duplicate-activity': [f('duplicate-activity', { column: 'activity', cell: 'B9', value: 'x', params: { firstRow: 4, leadCountry: 'LA' } }), ['4']],
  'file-unreadable': [f('file-unreadable', { row: null, sheet: undefined, params: { file: '/data/in/tracker.xlsx', reason: 'ebadf' } }), ['tracker.xlsx', 'ebadf']],
  'file-not-spreadsheet': [f('file-not-spreadsheet', { row: null, sheet: undefined, params: { file: 'C:\\in\\report.xlsx', detected: 'pdf', extension: 'xlsx' } }), ['report.xlsx', 'PDF', '.xlsx']],
  'file-encrypted': [f('file-encrypted', { row: null, sheet: undefined, params: { file: 'secret.xlsx', reason: 'password' } }), ['secret.xlsx']],
  'file-corrupt': [f('file-corrupt', { row: null, sheet: undefined, params: { file: 'a.xlsx', reason: 'bad-compressed-data', entry: 'xl/workbook.xml' } }), ['a.xlsx', 'xl/workbook.xml']],
  'file-too-large': [f('file-too-large', { row: null, sheet: undefined, params: { file: 'big.xlsx', reason: 'file-size', size: 60 * 1024 * 1024, limit: 50 * 1024 * 1024 } }), ['big.xlsx', '60.0 MB', '50.0 MB']],
  'file-zip-bomb': [f('file-zip-bomb', { row: null, sheet: undefined, params: { file: 'bomb.xlsx', reason: 'total', entry: 'xl/worksheets/sheet1.xml', size: 300 * 1024 * 1024, limit: 200 * 1024 * 1024 } }), ['bomb.xlsx', '300.0 MB', '200.0 MB']],
  'file-timeout': [f('file-timeout', { row: null, sheet: undefined, params: { file: 'slow.xlsx', seconds: 30, limitMs: 30000 } }), ['slow.xlsx', '30']],
  'file-macros': [f('file-macros', { row: null, params: { file: 'm.xlsm', vba: true, excel4: false, extension: 'xlsm' } }), ['m.xlsm']],
  'file-doctype': [f('file-doctype', { row: null, params: { file: 'x.xlsx', entry: 'xl/styles.xml' } }), ['x.xlsx', 'DOCTYPE', 'xl/styles.xml']],
  'sheet-no-header': [f('sheet-no-header', { row: null, params: { sheets: ['Sheet1', '说明'], rows: 10, min: 3 } }), ['Sheet1', '说明', '10', '3']],
  'sheet-empty': [f('sheet-empty', { row: null, params: { sheets: ['Sheet1'] } }), ['Sheet1']],
  'sheet-hidden': [f('sheet-hidden', { row: null, sheet: 'Old data', params: { file: 'x.xlsx', visibility: 'hidden' } }), ['Old data']],
  'sheet-huge-dimension': [f('sheet-huge-dimension', { row: null, sheet: 'Data', params: { file: 'x.xlsx', declared: 'A1:XFD1048576', used: 'A1:M40' } }), ['Data', 'A1:XFD1048576', 'A1:M40']],
  'formula-no-value': [f('formula-no-value', { cell: 'H5', params: { file: 'x.xlsx', formula: 'DATE(2024,1,1)' } }), ['H5', 'DATE(2024,1,1)']],
  'control-char': [f('control-char', { cell: 'B5', params: { file: 'x.xlsx', char: 'U+0007' } }), ['B5', 'U+0007']],
  'text-encoding': [f('text-encoding', { cell: 'B5', params: { file: 'x.csv', encoding: 'utf-8', bytes: 'E9' } }), ['B5', 'E9', 'UTF-8']],
  'cell-too-long': [f('cell-too-long', { cell: 'C5', params: { file: 'x.xlsx', length: 40000, limit: 32767 } }), ['C5', '40,000', '32,767']],
  'cross-file-duplicate': [f('cross-file-duplicate', { params: { activityId: 'CN-2024-003', files: ['q/CN.xlsx', 'q/TH.xlsx'], rows: [4, 7], countedFile: 'q/CN.xlsx', fields: [] } }), ['CN-2024-003', 'CN.xlsx', 'TH.xlsx', '7']],
  'cross-file-conflict': [f('cross-file-conflict', { params: { activityId: 'CN-2024-003', files: ['CN.xlsx', 'TH.xlsx'], rows: [4, 7], countedFile: 'CN.xlsx', fields: ['progress'] } }), ['CN-2024-003', 'CN.xlsx', '7']],
  'cross-file-clash': [f('cross-file-clash', { params: { activityId: 'KH-2024-004', files: ['KH.xlsx', 'LA.xlsx'], rows: [5, 3], countedFile: 'KH.xlsx', fields: ['clause'] } }), ['KH-2024-004', 'LA.xlsx', '3']],
};

describe('messages', () => {
  it('has a zh and an en message for every finding code', () => {
    for (const lang of ['zh', 'en'] as const) {
      expect(Object.keys({ zh, en }[lang]).sort()).toEqual([...FINDING_CODES].sort());
    }
  });

  it.each(FINDING_CODES)('%s: both languages render and show what the finding carries', (code) => {
    const [finding, pieces] = SAMPLES[code];
    const zh = renderMessage(finding, 'zh');
    const en = renderMessage(finding, 'en');
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).toMatch(/[a-z]{3}/);
    expect(en).not.toBe(zh);
    for (const p of pieces) {
      expect(zh).toContain(p);
      expect(en).toContain(p);
    }
    // A message never starts with a character a spreadsheet would run as a formula.
    expect(zh).not.toMatch(/^[=+\-@]/);
    expect(en).not.toMatch(/^[=+\-@]/);
  });

  it('gives the reason a file could not be read, in words', () => {
    const m = f('file-unreadable', { row: null, params: { file: '/x/missing.xlsx', reason: 'not-found' } });
    expect(renderMessage(m, 'en')).toBe('The file "missing.xlsx" cannot be read: it does not exist; check the path.');
    expect(renderMessage(m, 'zh')).toBe('无法读取文件“missing.xlsx”：文件不存在，请核对路径。');
    const cells = f('file-too-large', { row: null, params: { file: 'a.xlsx', reason: 'cells', limit: 2000000 } });
    expect(renderMessage(cells, 'en')).toContain('more than 2,000,000 cells');
  });

  it('says what is wrong with a damaged file in the reader’s language, never in the parser’s English', () => {
    const reasons: FileCorruptReason[] = [
      'no-central-directory', 'truncated', 'unsafe-entry-name', 'duplicate-entry', 'unsupported-compression', 'bad-entry-size',
      'bad-compressed-data', 'bad-xml-part', 'bad-ole-container', 'bad-record', 'unreadable-content', 'parser-failed', 'duplicate-sheet',
      'duplicate-relationship', 'repeated-element', 'more-sheets-than-parts', 'incomplete-element',
    ];
    const detail = "Cannot read properties of undefined (reading 'v')";
    const texts = reasons.flatMap((reason) => {
      const m = f('file-corrupt', { row: null, params: { file: 'a.xlsx', reason, detail } });
      return [renderMessage(m, 'zh'), renderMessage(m, 'en')];
    });
    for (const t of texts) expect(t).not.toMatch(/Cannot read|undefined|Unknown Namespace|-[a-z]+-/);
    expect(new Set(texts).size).toBe(texts.length);
    // An internal failure of the parser is not called damage: no fault was established.
    const failed = f('file-corrupt', { row: null, params: { file: 'a.xlsx', reason: 'parser-failed', detail } });
    expect(renderMessage(failed, 'en')).not.toMatch(/damaged/);
    expect(renderMessage(failed, 'zh')).not.toMatch(/损坏（|已损坏/);
  });

  it('reads as a sentence: "Reading the file …" and the right noun for one', () => {
    const slow = f('file-timeout', { row: null, params: { file: '/x/slow.xlsx', seconds: 60, limitMs: 60000 } });
    expect(renderMessage(slow, 'en')).toMatch(/^Reading the file "slow\.xlsx" took longer than 60 s/);
    const one = f('sheet-no-header', { row: null, params: { sheets: ['S'], rows: 1, min: 1 } });
    expect(renderMessage(one, 'en')).toContain('the first row must hold at least 1 column name such as');
    expect(renderMessage(one, 'en')).not.toMatch(/\b1 (rows|column names)\b|sheet\(s\)/);
    const parts = f('file-zip-bomb', { row: null, params: { file: 'a.xlsx', reason: 'entries', entries: 1, limit: 1 } });
    expect(renderMessage(parts, 'en')).toContain('holds 1 part (limit 1)');
    const cells = f('file-too-large', { row: null, params: { file: 'a.xlsx', reason: 'cells', limit: 1 } });
    expect(renderMessage(cells, 'en')).toContain('more than 1 cell;');
  });

  it('takes column names from the schema', () => {
    const m = f('required', { column: 'budget', cell: 'L5', params: {} });
    expect(renderMessage(m, 'zh')).toContain('预算(美元)');
    expect(renderMessage(m, 'en')).toContain('Budget (USD)');
  });

  it('names country and status in the reader’s language', () => {
    const [pl] = SAMPLES['partner-is-lead'];
    expect(renderMessage(pl, 'zh')).toContain('柬埔寨');
    expect(renderMessage(pl, 'en')).toContain('Cambodia');
    const [od] = SAMPLES.overdue;
    expect(renderMessage(od, 'zh')).toContain('延期');
    expect(renderMessage(od, 'en')).toContain('Delayed');
  });

  it('says when a clause reference points at an initiative item instead of the action plan', () => {
    const m = f('unknown-clause', { column: 'clause', cell: 'D5', value: 'IC-3', params: { reason: 'not-action-plan', id: 'IC-3', doc: 'IC', suggestions: [] } });
    expect(renderMessage(m, 'en')).toContain('Initiative');
    expect(renderMessage(m, 'zh')).toContain('倡议');
  });

  it('shortens long values and drops control characters', () => {
    const m = f('type', { column: 'start', cell: 'H5', value: `bad\u0007${'x'.repeat(300)}`, params: { reason: 'not-a-date', expected: 'date' } });
    const en = renderMessage(m, 'en');
    expect(en).not.toContain('\u0007');
    expect(en.length).toBeLessThan(250);
  });

  it('gives both messages with messagesOf', () => {
    const [m] = SAMPLES['duplicate-id'];
    expect(messagesOf(m)).toEqual({ zh: renderMessage(m, 'zh'), en: renderMessage(m, 'en') });
  });
});
