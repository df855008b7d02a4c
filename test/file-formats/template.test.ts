import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { leafClauses } from '../../src/catalog/index.js';
import { validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import { matchHeader } from '../../src/schema/headers.js';
import { INPUT_COLUMNS } from '../../src/schema/columns.js';
import { readWorkbook } from '../../src/file-formats/read.js';
import { buildTemplate, TEMPLATE_SHEETS } from '../../src/file-formats/template.js';
import { a1 } from '../../src/model/a1.js';
import { COUNTRIES, FUNDING_SOURCES, STATUSES } from '../../src/schema/enums.js';
import { cellLook, partsOf, sheetPart, wellFormedError, worksheetOrderErrors, xmlDecode } from './ooxml-parts.js';

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

  const parts = partsOf(bytes);
  const activities = sheetPart(parts, names.activities);
  const letter = (key: string) => a1(0, INPUT_COLUMNS.findIndex((c) => c.key === key)).replace(/\d+$/, '');
  const rules = new Map<string, Record<string, string>>(
    [...activities.matchAll(/<dataValidation\b([^>]*)><formula1>([^<]*)<\/formula1><\/dataValidation>/g)].map((m) => {
      const attrs: Record<string, string> = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], xmlDecode(a[2])]));
      return [attrs.sqref, { ...attrs, formula: xmlDecode(m[2]) }];
    }),
  );

  it('offers dropdowns of the enum names for lead country, status and funding source on every data row', () => {
    const list = (opts: readonly { zh: string; en: string }[]) => `"${opts.map((o) => o[lang]).join(',')}"`;
    for (const [key, opts] of [['lead_country', COUNTRIES], ['status', STATUSES], ['funding', FUNDING_SOURCES]] as const) {
      const rule = rules.get(`${letter(key)}2:${letter(key)}1048576`);
      expect(rule, key).toBeDefined();
      expect(rule!.formula).toBe(list(opts));
      expect(rule!.type).toBe('list');
      // other spellings the validator accepts (codes, the other language) are warned about, not refused
      expect(rule!.errorStyle).toBe('warning');
      expect(rule!.error.length).toBeGreaterThan(0);
    }
    expect(rules.get(`${letter('lead_country')}2:${letter('lead_country')}1048576`)!.formula).toContain(lang === 'zh' ? '柬埔寨' : 'Viet Nam');
  });

  it('offers the clause ids of the clause sheet as the clause dropdown, and no list for partner countries', () => {
    const rule = rules.get(`${letter('clause')}2:${letter('clause')}1048576`)!;
    const leaves = leafClauses('AP');
    expect(rule.formula).toBe(`'${names.clauses}'!$A$2:$A$${leaves.length + 1}`);
    const ids = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[names.clauses], { header: 1, range: `A2:A${leaves.length + 1}` }).map((r) => r[0]);
    expect(ids).toEqual(leaves.map((c) => c.id));
    expect(rules.size).toBe(4);
    expect([...rules.keys()].some((sqref) => sqref.startsWith(letter('partners')))).toBe(false);
  });

  it('freezes, bolds and filters the header row of the activity sheet', () => {
    expect(activities).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    const last = a1(0, INPUT_COLUMNS.length - 1).replace(/\d+$/, '');
    expect(activities).toContain(`<autoFilter ref="A1:${last}1"/>`);
    expect(parts['xl/workbook.xml']).toContain(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'${names.activities}'!$A$1:$${last}$1</definedName>`,
    );
    expect(cellLook(parts, names.activities, 'A1').bold).toBe(true);
    expect(cellLook(parts, names.activities, `${last}1`).bold).toBe(true);
    expect(cellLook(parts, names.clauses, 'A1').bold).toBe(true);
    expect(cellLook(parts, names.clauses, 'A2').bold).toBe(false);
  });

  it('has well-formed parts and worksheets in schema order', () => {
    for (const [name, xml] of Object.entries(parts)) if (/\.(xml|rels)$/.test(name)) expect(wellFormedError(xml), name).toBeNull();
    for (const sheet of Object.values(names)) expect(worksheetOrderErrors(sheetPart(parts, sheet)), sheet).toEqual([]);
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
