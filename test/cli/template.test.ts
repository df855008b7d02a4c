import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture-io.js';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('lmc template', () => {
  it('writes tracker-template.xlsx in the current folder, and refuses to overwrite it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lmc-tpl-'));
    const io = captureIo(dir);
    expect(await runCli(['template'], io)).toBe(0);
    const file = path.join(dir, 'tracker-template.xlsx');
    expect(io.stdout().trim()).toBe(file);
    expect(XLSX.read(readFileSync(file)).SheetNames[0]).toBe('活动清单');
    const before = sha(file);
    const again = captureIo(dir);
    expect(await runCli(['template'], again)).toBe(2);
    expect(again.stderr()).toContain('already exists');
    expect(sha(file)).toBe(before);
    expect(readdirSync(dir)).toEqual(['tracker-template.xlsx']);
  });

  it('writes the English template with -o and --lang en', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lmc-tpl-'));
    expect(await runCli(['template', '-o', 'en.xlsx', '--lang', 'en'], captureIo(dir))).toBe(0);
    const wb = XLSX.read(readFileSync(path.join(dir, 'en.xlsx')));
    expect(wb.SheetNames).toEqual(['Activities', 'Clauses', 'Lists', 'Instructions']);
    expect(wb.Sheets.Activities.A1.v).toBe('Activity ID');
  });

  it('writes a template whose activity sheet carries the dropdowns, a frozen header and a filter', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lmc-tpl-'));
    expect(await runCli(['template', '--lang', 'en'], captureIo(dir))).toBe(0);
    const sheet = strFromU8(unzipSync(readFileSync(path.join(dir, 'tracker-template.xlsx')))['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<formula1>"Cambodia,China,Laos,Myanmar,Thailand,Viet Nam"</formula1>');
    expect(sheet).toContain('<formula1>"Not started,In progress,Completed,Delayed,Cancelled"</formula1>');
    expect(sheet).toContain('<formula1>"LMC Special Fund,LMC Common Development Loan,National budget,Other"</formula1>');
    expect(sheet).toMatch(/<formula1>'Clauses'!\$A\$2:\$A\$\d+<\/formula1>/);
    expect(sheet).toContain('state="frozen"');
    expect(sheet).toMatch(/<autoFilter ref="A1:M1"\/>/);
  });

  it('refuses a bad language, a non-xlsx name and stray arguments with exit 2', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lmc-tpl-'));
    expect(await runCli(['template', '--lang', 'fr'], captureIo(dir))).toBe(2);
    expect(await runCli(['template', '-o', 'x.csv'], captureIo(dir))).toBe(2);
    expect(await runCli(['template', 'x.xlsx'], captureIo(dir))).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('lmc schema', () => {
  it('prints the JSON Schema of a tracker row', async () => {
    const io = captureIo(tmpdir());
    expect(await runCli(['schema'], io)).toBe(0);
    const schema = JSON.parse(io.stdout());
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['activity_id', 'clause', 'start', 'check', 'issues']));
    expect(schema.required).toEqual(expect.arrayContaining(['activity_id', 'lead_country', 'start', 'end', 'status']));
  });

  it('writes it to a file with -o (replacing an older copy)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lmc-schema-'));
    const file = path.join(dir, 'tracker.schema.json');
    writeFileSync(file, 'old');
    expect(await runCli(['schema', '-o', file], captureIo(dir))).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).properties.activity_id).toBeDefined();
    expect(readdirSync(dir)).toEqual(['tracker.schema.json']);
  });
});
