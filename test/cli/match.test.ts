import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../helpers/capture-io.js';
import { runCli } from '../../src/cli/main.js';

async function lmc(argv: string[], stdin = '', lines?: string[]) {
  const io = captureIo(process.cwd(), { stdin, lines });
  const code = await runCli(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('lmc match', () => {
  it('prints the best clause, its confidence, the matched terms and the candidates', async () => {
    const r = await lmc(['match', '湄公河流域水文数据共享平台二期建设']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('湄公河流域水文数据共享平台二期建设');
    expect(lines[1]).toMatch(/^→ AP-4\.2\.12 {2}水资源合作 {2}\(置信度 0\.\d\d, 采纳\)$/);
    expect(lines[2]).toMatch(/匹配词: .*共享平台/);
    expect(lines[3]).toMatch(/^ {2}1\. AP-4\.2\.12 +\d+\.\d{3} {2}水资源合作$/);
    expect(lines.filter((l) => /^ {2}\d\. /.test(l))).toHaveLength(3);
  });

  it('--json --top --lang: the documented shape, English titles in text mode', async () => {
    const j = await lmc(['match', '澜湄国家职业教育与高校学术交流', '--json', '--top', '5']);
    const obj = JSON.parse(j.out);
    expect(Object.keys(obj)).toEqual(['query', 'best', 'confidence', 'accepted', 'candidates', 'reason']);
    expect(obj).toMatchObject({ best: 'AP-4.3.3', accepted: true });
    expect(obj.candidates).toHaveLength(5);
    expect(Object.keys(obj.candidates[0])).toEqual(['id', 'title', 'score']);
    const t = await lmc(['match', 'Training workshop for customs officers on single-window clearance', '--lang', 'en']);
    expect(t.out).toContain('AP-4.2.3  Trade and investment facilitation  (confidence');
    const ref = await lmc(['match', '第4.2.14条', '--lang', 'en']);
    expect(ref.out).toContain('explicit reference: AP-4.2.14');
  });

  it('--docs searches the declaration and the initiative too', async () => {
    const r = await lmc(['match', '湄龙行动 智慧海关 单一窗口', '--json', '--docs', 'AP,ND,IC']);
    expect(JSON.parse(r.out).best).toBe('ND-11');
  });

  it('`-` reads one activity per line and writes one JSON result per line, in order (blank lines kept)', async () => {
    const input = '\uFEFF澜湄旅游城市合作联盟年会\r\n\nLancang-Mekong Water Resources Cooperation Forum\n';
    const r = await lmc(['match', '--json', '-'], input);
    expect(r.code).toBe(0);
    const results = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(results.map((x) => [x.query, x.best])).toEqual([
      ['澜湄旅游城市合作联盟年会', 'AP-4.3.2'],
      ['', null],
      ['Lancang-Mekong Water Resources Cooperation Forum', 'AP-4.2.12'],
    ]);
    const streamed = await lmc(['match', '--json', '-'], '', ['4.2.1', '佛诞节']);
    expect(streamed.out.trimEnd().split('\n').map((l) => JSON.parse(l).best)).toEqual(['AP-4.2.1', 'AP-4.3.6']);
  });

  it('usage errors exit 2 with a one-line reason', async () => {
    for (const argv of [['match'], ['match', 'x', '--top', '0'], ['match', 'x', '--docs', 'XX'], ['match', 'x', '--lang', 'fr'], ['match', 'x', '--bogus']]) {
      const r = await lmc(argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^lmc: /);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('does not let control characters of the input reach the terminal', async () => {
    const r = await lmc(['match', '\u001b[31m水资源\u0007']);
    expect(r.out).not.toMatch(/[\u0000-\u0008\u001b]/);
  });

  const root = fileURLToPath(new URL('../..', import.meta.url));
  const built = existsSync(`${root}/lib/cli/commands/match.js`);
  it.skipIf(!built)('streams: the real CLI answers a stdin line before stdin is closed', async () => {
    const child = spawn(process.execPath, ['bin/lmc.js', 'match', '--json', '-'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const firstLine = new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString('utf8');
        if (buf.includes('\n')) resolve(buf.split('\n')[0]);
      });
      child.on('exit', () => reject(new Error(`exited before answering: ${buf}`)));
    });
    child.stdin.write('澜湄水资源合作部长级会议筹备\n');
    const line = await firstLine;
    expect(JSON.parse(line).best).toBe('AP-4.2.12');
    child.stdin.end('佛诞节庆祝活动\n');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
  });
});
