import { describe, expect, it } from 'vitest';
import { captureIo } from '../helpers/capture-io.js';
import { runCli } from '../../src/cli/main.js';

async function lmc(argv: string[]) {
  const io = captureIo();
  const code = await runCli(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('lmc xref', () => {
  it('lists the related paragraphs, best first, each with its reasons', async () => {
    const r = await lmc(['xref', '4.2.12']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('AP-4.2.12  水资源合作');
    expect(lines[1]).toMatch(/^ {2}ND-13 +\d\.\d{3} {2}水资源论坛与信息共享$/);
    expect(r.out).toContain('· 同一文件: 《澜湄水资源合作五年行动计划(2023—2027)》');
    expect(r.out).toContain('· 同一项目或机制: 澜湄水资源合作论坛');
    expect(r.out).toMatch(/ND-12 +\d\.\d{3} {2}水资源合作框架/);
  });

  it('--json gives {id, title, related: [{id, title, score, reasons}]} with reasons as data', async () => {
    const r = await lmc(['xref', 'AP-4.2.14', '--json']);
    const obj = JSON.parse(r.out);
    expect(obj.id).toBe('AP-4.2.14');
    expect(obj.related[0]).toMatchObject({ id: 'ND-16', title: { zh: '环境合作', en: 'Environmental cooperation' } });
    expect(obj.related[0].reasons).toContainEqual({ kind: 'programme', name: '绿色澜湄计划' });
    expect(obj.related[0].reasons.find((x: { kind: string }) => x.kind === 'topic').similarity).toBeGreaterThan(0.12);
  });

  it('accepts every reference form, in English too', async () => {
    const r = await lmc(['xref', '宣言第十二段', '--lang', 'en']);
    expect(r.out.split('\n')[0]).toBe('ND-12  Water resources cooperation framework');
    expect(r.out.split('\n')[1]).toMatch(/^ {2}AP-4\.2\.12 +\d\.\d{3} {2}Water resources cooperation$/);
    expect(r.out).toContain('· same document: 《澜湄水资源合作五年行动计划(2023—2027)》');
  });

  it('says so when nothing is related, and rejects unknown references with exit 2', async () => {
    const none = await lmc(['xref', 'AP-4.2.9', '--lang', 'en']);
    expect(none.code).toBe(0);
    expect(none.out).toContain('No related clauses in the other two texts.');
    const bad = await lmc(['xref', '9.9.9']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^lmc xref: /);
    const empty = await lmc(['xref']);
    expect(empty.code).toBe(2);
  });
});
