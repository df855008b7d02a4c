import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { leafClauses } from '../../src/catalog/index.js';
import { validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import { matchHeader } from '../../src/schema/headers.js';
import { INPUT_COLUMNS } from '../../src/schema/tracker.js';
import { readWorkbook } from '../../src/file-formats/read.js';
import { buildTemplate, TEMPLATE_SHEETS } from '../../src/file-formats/template.js';

describe.each(['zh', 'en'] as const)('buildTemplate(%s)', (lang) => {
  const bytes = buildTemplate(lang);
  const wb = XLSX.read(bytes, { type: 'array' });
  const names = TEMPLATE_SHEETS[lang];

  it('has the activity sheet first, then clauses, value lists and instructions', () => {
    expect(wb.SheetNames).toEqual([names.activities, names.clauses, names.lists, names.instructions]);
  });

  it('has the input columns of the schema, in spec order, named in the language', () => {
    const header = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[names.activities], { header: 1 })[0];
    expect(header).toEqual(INPUT_COLUMNS.map((c) => c[lang]));
    expect(header.map((h) => matchHeader(h))).toEqual(INPUT_COLUMNS.map((c) => c.key));
  });

  it('lists exactly the action-plan leaf clauses with titles in the language', () => {
    const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[names.clauses], { header: 1 }).slice(1);
    const leaves = leafClauses('AP');
    expect(rows.map((r) => r[0])).toEqual(leaves.map((c) => c.id));
    expect(rows.map((r) => r[2])).toEqual(leaves.map((c) => c.title[lang]));
    expect(rows.map((r) => r[0])).not.toContain('AP-4.2');
  });

  it('lists the countries, statuses and funding sources', () => {
    const rows = XLSX.utils.sheet_to_json<(string | undefined)[]>(wb.Sheets[names.lists], { header: 1 }).slice(1);
    const col = (i: number) => rows.map((r) => r[i]).filter(Boolean);
    expect(col(0)).toHaveLength(6);
    expect(col(1)).toEqual(['KH', 'CN', 'LA', 'MM', 'TH', 'VN']);
    expect(col(2)).toContain(lang === 'zh' ? '进行中' : 'In progress');
    expect(col(3)).toContain(lang === 'zh' ? '澜湄合作专项基金' : 'LMC Special Fund');
  });

  it('read back by the reader, validates with no missing-column finding and no error', () => {
    const read = readWorkbook(bytes, `template-${lang}.xlsx`);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const v = validateWorkbook(read.workbook, { asOf: '2025-06-30' });
    expect(v.sheet).toBe(names.activities);
    expect(v.headerRow).toBe(1);
    expect(v.findings.filter((f) => f.code === 'missing-column' || f.code === 'unknown-column')).toEqual([]);
    expect(v.table?.columns.map((c) => c.key)).toEqual(INPUT_COLUMNS.map((c) => c.key));
    expect(v.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
