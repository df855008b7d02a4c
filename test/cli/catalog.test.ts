import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture-io.js';

async function lmc(...argv: string[]) {
  const io = captureIo();
  const code = await runCli(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('lmc clause', () => {
  it('shows the rejoined AP 4.2.6', async () => {
    const r = await lmc('clause', '4.2.6');
    expect(r.code).toBe(0);
    expect(r.out).toContain('AP-4.2.6  减贫');
    expect(r.out).toContain('开展减贫试点,积极考虑实施综合扶贫发展示范项目');
  });

  it('shows Declaration paragraph 十四 from its Chinese reference', async () => {
    const r = await lmc('clause', '宣言第十四段', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('ND-14  Agricultural cooperation  (农业合作)');
    expect(r.out).toContain('积极贡献。鼓励进一步完善');
  });

  it('marks IC-5 as cut off by the page', async () => {
    const r = await lmc('clause', 'IC-5', '--json');
    const c = JSON.parse(r.out);
    expect(c).toMatchObject({ id: 'IC-5', doc: 'IC', truncated: true, children: [] });
    expect((await lmc('clause', 'IC-5', '--lang', 'en')).out).toContain('[the printed page cuts this text off here]');
  });

  it('lists children of a heading', async () => {
    const c = JSON.parse((await lmc('clause', '4.1.3', '--json')).out);
    expect(c).toMatchObject({ id: 'AP-4.1.3', heading: true, children: ['AP-4.1.3.1', 'AP-4.1.3.2', 'AP-4.1.3.3'] });
  });

  it('answers an unknown reference with one line naming it and the nearest ids, exit 2', async () => {
    const r = await lmc('clause', '4.9.1', '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain("'4.9.1'");
    expect(r.err).toContain('AP-4.3.1');
  });

  it('answers a malformed reference and a missing one with exit 2', async () => {
    expect((await lmc('clause', 'xyz')).code).toBe(2);
    expect((await lmc('clause')).code).toBe(2);
    expect((await lmc('clause', '4.2.12', '--lang', 'fr')).code).toBe(2);
  });
});

describe('lmc catalog', () => {
  it('prints {documents, clauses} as JSON, optionally for one document', async () => {
    const all = JSON.parse((await lmc('catalog', '--json')).out);
    expect(all.documents).toHaveLength(3);
    expect(all.clauses).toHaveLength(71);
    const nd = JSON.parse((await lmc('catalog', '--json', '--doc', 'nd')).out);
    expect(nd.documents.map((d: { id: string }) => d.id)).toEqual(['ND']);
    expect(nd.clauses).toHaveLength(25);
    expect(Object.keys(nd.clauses[0]).sort()).toEqual(
      ['cites', 'doc', 'heading', 'id', 'key', 'keywords', 'number', 'parent', 'text', 'title', 'truncated'].sort(),
    );
  });

  it('prints an indented list with headings marked', async () => {
    const r = await lmc('catalog', '--doc', 'AP', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {4}AP-4\.1 +Political and security affairs {2}\[heading\]$/m);
    expect(r.out).toMatch(/^ {6}AP-4\.2\.12 +Water resources cooperation$/m);
  });

  it('rejects an unknown document and unknown options with exit 2', async () => {
    expect((await lmc('catalog', '--doc', 'XX')).code).toBe(2);
    expect((await lmc('catalog', '--bogus')).code).toBe(2);
    expect((await lmc('nonsense')).code).toBe(2);
  });
});
