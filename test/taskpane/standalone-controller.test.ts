import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { pickedFile, sampleXlsx, standalonePage } from './fixtures.js';
import { button, byTestId, elements, fire, text } from './view-query.js';


describe('the standalone validator page', () => {
  it('loads the file tools only when a file is opened, then lists its findings and counts', async () => {
    const { ctl, loads, view } = standalonePage();
    expect(loads.count).toBe(0);
    expect(byTestId(view(), 'file')).toBeDefined();
    await ctl.open(pickedFile('plan.xlsx', sampleXlsx()));
    expect(loads.count).toBe(1);
    const rows = elements(byTestId(view(), 'findings')!).filter((e) => e.tag === 'tr' && e.props['data-code']);
    expect(rows.map((r) => `${r.props['data-code']}@${r.props['data-cell']}`)).toEqual([
      'overdue@H3', 'id-country@A4', 'date-order@H4', 'status-progress@J4', 'late-start@G6', 'not-leaf-clause@D7', 'enum@E7',
    ]);
    expect(text(byTestId(view(), 'count-error'))).toMatch(/^4/);
    expect(text(byTestId(view(), 'summary'))).toBe('plan.xlsx · Sheet “活动清单”, header in row 2, 5 data rows');
    await ctl.open(pickedFile('again.xlsx', sampleXlsx()));
    expect(loads.count).toBe(1);
  });

  it('checks the open file again when the as-of date changes', async () => {
    const { ctl, view } = standalonePage();
    await ctl.open(pickedFile('plan.xlsx', sampleXlsx()));
    fire(byTestId(view(), 'as-of')!, 'onchange', { value: '2024-06-30' });
    await expect.poll(() => ctl.state.asOf).toBe('2024-06-30');
    await expect.poll(() => elements(byTestId(view(), 'findings')!).some((e) => e.props['data-code'] === 'overdue')).toBe(false);
  });

  it('hands the annotated and the filled copy to the download, named as the command line names them', async () => {
    const { ctl, saved, view } = standalonePage();
    await ctl.open(pickedFile('plan.xlsx', sampleXlsx()));
    fire(byTestId(view(), 'download')!, 'onclick');
    fire(byTestId(view(), 'download-filled')!, 'onclick');
    await expect.poll(() => saved.length).toBe(2);
    expect(saved.map((s) => s.name)).toEqual(['plan.checked.xlsx', 'plan.filled.xlsx']);
    const checked = XLSX.read(saved[0]!.bytes, { type: 'array' }).Sheets['活动清单']!;
    expect(checked['K4']?.v).toBe('Error');
    const filled = XLSX.read(saved[1]!.bytes, { type: 'array' }).Sheets['活动清单']!;
    expect(filled['D5']?.v).toBe('AP-4.2.12');
  });

  it('names a file it cannot read, and says so in the language switched to', async () => {
    const { ctl, view } = standalonePage();
    await ctl.open(pickedFile('notes.xlsx', new TextEncoder().encode('not a spreadsheet at all')));
    expect(text(byTestId(view(), 'unreadable'))).toContain('Cannot read notes.xlsx');
    fire(byTestId(view(), 'lang')!, 'onclick');
    expect(text(byTestId(view(), 'unreadable'))).toContain('无法读取 notes.xlsx');
  });

  it('marks the drop zone while a file is dragged over it, and opens a dropped file', async () => {
    const { ctl, view } = standalonePage();
    const zone = () => elements(view()).find((e) => typeof e.props.ondrop === 'function')!;
    fire(zone(), 'ondragover');
    expect(zone().props.class).toBe('drop over');
    fire(zone(), 'ondrop', { files: [new File([sampleXlsx() as BlobPart], 'dropped.xlsx')] });
    await expect.poll(() => text(byTestId(view(), 'summary'))).toMatch(/^dropped\.xlsx/);
    expect(zone().props.class).toBe('drop');
  });

  it('browses clauses without offering to insert them (there is no workbook to write to)', () => {
    const { ctl, view } = standalonePage();
    fire(button(view(), 'Clauses'), 'onclick');
    fire(elements(view()).find((e) => e.props.type === 'search')!, 'oninput', { value: 'ND-12' });
    fire(elements(byTestId(view(), 'clause-list')!).find((e) => e.tag === 'button')!, 'onclick');
    expect(ctl.state.clauses.selected).toBe('ND-12');
    expect(elements(view()).some((e) => e.tag === 'button' && text(e) === 'Insert title')).toBe(false);
  });
});
