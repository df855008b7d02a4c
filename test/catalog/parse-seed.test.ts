import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalog, childrenOf, getClause, leafClauses } from '../../src/catalog/index.js';
import { parseSeed, type SeedTranslations } from '../../src/catalog/parse-seed.js';
import { buildCatalog } from '../../src/cli/build-catalog.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const translations = JSON.parse(readFileSync(`${root}src/catalog/clause-translations.json`, 'utf8')) as SeedTranslations;

describe('the committed catalog', () => {
  it('is what `npm run catalog` builds from the seed today', () => {
    const built = buildCatalog(root);
    expect(built.problems).toBe(0);
    expect(readFileSync(`${root}src/catalog/catalog.json`, 'utf8')).toBe(built.json);
  });

  it('holds every clause of the three texts', () => {
    const count = (doc: string) => catalog.clauses.filter((c) => c.doc === doc).length;
    expect([count('AP'), count('ND'), count('IC')]).toEqual([40, 25, 6]);
    expect(catalog.clauses.filter((c) => c.heading).map((c) => c.id)).toEqual(['AP-4', 'AP-4.1', 'AP-4.1.3', 'AP-4.2', 'AP-4.3', 'AP-5']);
    expect(leafClauses('AP')).toHaveLength(34);
    expect(catalog.clauses.filter((c) => c.doc === 'ND').map((c) => c.id)).toEqual(Array.from({ length: 25 }, (_, i) => `ND-${i + 1}`));
    expect(catalog.clauses.filter((c) => c.doc === 'IC').map((c) => c.id)).toEqual(['IC-preamble', 'IC-1', 'IC-2', 'IC-3', 'IC-4', 'IC-5']);
  });

  it('names the documents with the Declaration subtitle', () => {
    expect(catalog.documents.map((d) => [d.id, d.title.zh])).toEqual([
      ['AP', '澜沧江—湄公河合作五年行动计划(2023—2027)(摘要)'],
      ['ND', '澜沧江—湄公河合作第四次领导人会议内比都宣言'],
      ['IC', '澜沧江—湄公河地区创新走廊建设共同倡议'],
    ]);
    expect(catalog.documents[1].subtitle?.zh).toBe('推进澜湄国家命运共同体建设,携手迈向现代化');
    for (const d of catalog.documents) expect(d.title.en).not.toBe('');
  });

  it('links every clause to its parent and numbers sections in Chinese', () => {
    expect(getClause('AP-4.1.3.2')?.parent).toBe('AP-4.1.3');
    expect(getClause('AP-4.2.12')?.parent).toBe('AP-4.2');
    expect(getClause('AP-4.1')?.parent).toBe('AP-4');
    expect(getClause('AP-1')?.parent).toBeNull();
    expect(getClause('AP-1')?.number).toBe('一');
    expect(getClause('ND-12')?.number).toBe('十二');
    expect(childrenOf('AP-4.1.3').map((c) => c.id)).toEqual(['AP-4.1.3.1', 'AP-4.1.3.2', 'AP-4.1.3.3']);
    expect(childrenOf('AP-5').map((c) => c.id)).toEqual(['AP-5.1', 'AP-5.2', 'AP-5.3', 'AP-5.4', 'AP-5.5']);
  });

  it('rejoins AP 4.2.6, printed in two columns', () => {
    const c = getClause('AP-4.2.6')!;
    expect(c.title.zh).toBe('减贫');
    expect(c.text).toBe('加强政策对话与经验分享,开展减贫试点,积极考虑实施综合扶贫发展示范项目,探讨建立“澜湄扶贫培训中心”。');
    expect(c.truncated).toBe(false);
  });

  it('rejoins Declaration paragraph 十四, split mid-word', () => {
    const c = getClause('ND-14')!;
    expect(c.text.startsWith('我们欢迎六国农业部门共同制定《澜湄农业合作五年行动计划(2023—2027)》')).toBe(true);
    expect(c.text).toContain('为提高成员国农业农村发展作出积极贡献。鼓励进一步完善澜湄合作农业联合工作组机制,发挥澜湄农业合作中心作用。');
    expect(c.text.endsWith('促进青年参与并在农业农村领域就业。')).toBe(true);
    expect(getClause('ND-15')!.text.startsWith('我们欢迎六国科技主管部门')).toBe(true);
  });

  it('keeps Initiative item 五, cut off at the page edge, and marks it truncated', () => {
    const c = getClause('IC-5')!;
    expect(c.text).toBe('支持卫生健康领域的科技合作。分享应对新冠疫情的合作经验,在疫苗研发、流行病学、数字增强医疗技术、包容');
    expect(c.truncated).toBe(true);
    expect(catalog.clauses.filter((x) => x.truncated).map((x) => x.id)).toEqual(['IC-5']);
  });

  it('keeps the texts as printed, without the number, title or bold markers', () => {
    expect(getClause('AP-4.2.12')!.text).toBe(
      '制定《澜湄水资源合作五年行动计划(2023—2027)》,定期举办水资源合作部长级会议和水资源合作论坛,共同推进水资源合作信息共享平台建设。',
    );
    expect(getClause('AP-4.1.1')!.text.startsWith('每两年召开一次')).toBe(true);
    expect(getClause('AP-1')!.text.startsWith('本《行动计划》的制订基于')).toBe(true);
    expect(getClause('IC-preamble')!.text).toContain('有助于推动大湄公河经济发展和社会进步,建设更加和平与繁荣的澜湄国家命运共同体。在互利、共赢、平等');
    for (const c of catalog.clauses) expect(c.text).not.toMatch(/\*\*|新华社|^\s|\s$/);
    for (const c of catalog.clauses.filter((x) => x.heading)) expect(c.text).toBe('');
  });

  it('gives every clause a bilingual title and keywords', () => {
    for (const c of catalog.clauses) {
      expect(c.title.zh, c.id).not.toBe('');
      expect(c.title.en, c.id).not.toBe('');
      expect(c.keywords.zh.length, c.id).toBeGreaterThan(0);
      expect(c.keywords.en.length, c.id).toBeGreaterThan(0);
    }
  });

  it('lists the documents and programmes each clause cites', () => {
    expect(getClause('AP-4.2.14')!.cites).toEqual(['《澜沧江—湄公河环境合作战略与行动框架(2023—2027)》', '“绿色澜湄计划”']);
    expect(getClause('ND-13')!.cites).toContain('“澜湄兴水惠民计划”');
    // 简称“澜湄合作” and the quoted meeting theme are not programmes.
    expect(getClause('ND-1')!.cites).toEqual([]);
  });
});

describe('the seed parser', () => {
  const seed = readFileSync(`${root}seeds/000_6d543889c7f48850.txt`, 'utf8');

  it('reports what it joined, truncated and left out', () => {
    const { report } = parseSeed(seed, translations);
    expect(report.problems).toEqual([]);
    expect(report.joined.map((j) => j.id).sort()).toEqual(['AP-4.2.6', 'ND-14']);
    expect(report.truncated).toEqual(['IC-5']);
    expect(report.leftOut.filter((l) => l.kind === 'dateline')).toHaveLength(11);
    const leftText = report.leftOut.map((l) => l.excerpt).join('\n');
    expect(leftText).toContain('携手共建清洁美丽世界');
    expect(leftText).toContain('30.5%');
    expect(leftText).toContain('(上接第一版)中方将设立');
  });

  it('follows rules, not positions: a reshuffled page gives the same texts', () => {
    // Move the Declaration's first run (一…十四) to the top of the page and the action plan's second part before it.
    const lines = seed.split('\n');
    const start = lines.findIndex((l) => l.startsWith('一、我们、柬埔寨王国'));
    const end = lines.findIndex((l) => l.startsWith('十四、我们欢迎六国农业部门'));
    const run = lines.slice(start, end + 1);
    const rest = [...lines.slice(0, start), ...lines.slice(end + 1)];
    const shuffled = [...run, '', ...rest].join('\n');
    const a = parseSeed(seed, translations).catalog;
    const b = parseSeed(shuffled, translations).catalog;
    expect(b.clauses.map((c) => [c.id, c.text])).toEqual(a.clauses.map((c) => [c.id, c.text]));
  });

  it('reports a gap in the numbering instead of inventing a paragraph', () => {
    const broken = seed.replace(/^二十、.*$/m, '');
    const { report, catalog: cat } = parseSeed(broken, translations);
    expect(cat.clauses.some((c) => c.id === 'ND-20')).toBe(false);
    expect(report.problems.join('\n')).toMatch(/numbering|continue/);
  });
});
