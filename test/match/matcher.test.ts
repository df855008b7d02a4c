import { describe, expect, it } from 'vitest';
import { leafClauses } from '../../src/catalog/index.js';
import type { Clause } from '../../src/catalog/types.js';
import {
  catalogMatcher,
  confidenceOf,
  createMatcher,
  DEFAULT_ACCEPT_THRESHOLD,
  findReference,
  matchActivity,
} from '../../src/match/index.js';
import { terms } from '../../src/match/tokenize.js';
import { HELD_OUT_SPLITS, loadLabelled, precisionAt, rankFigures } from '../bench/match-labelled.js';

describe('explicit references', () => {
  it.each([
    ['4.2.12', 'AP-4.2.12'],
    ['AP-4.2.12', 'AP-4.2.12'],
    ['４．２．１２ 水资源合作', 'AP-4.2.12'],
    ['第4.2.12条', 'AP-4.2.12'],
    ['行动计划4.2.12', 'AP-4.2.12'],
    ['依据行动计划第4.2.14条开展的湿地保护', 'AP-4.2.14'],
    ['AP-5.2: 专项基金项目管理培训', 'AP-5.2'],
    ['一', 'AP-1'],
  ])('%s → %s with confidence 1', (text, id) => {
    const r = matchActivity(text);
    expect(r).toMatchObject({ best: id, confidence: 1, accepted: true, reason: { kind: 'reference', ref: id } });
    expect(r.candidates[0].id).toBe(id);
  });

  it('does not read quantities, dates or headings as references', () => {
    expect(findReference('3 training workshops on customs clearance')).toBeNull();
    expect(findReference('2024.3.15 举办培训')).toBeNull();
    expect(findReference('资助金额3.5万美元')).toBeNull();
    expect(findReference('4.2')).toBeNull(); // a heading is no target
    expect(findReference('ND-12')).toBeNull(); // not an action-plan clause
    expect(findReference('ND-12', ['AP', 'ND', 'IC'])).toBe('ND-12');
    expect(findReference('宣言第十二段', ['ND'])).toBe('ND-12');
  });

  it('answers a reference to a Declaration paragraph or Initiative item as such when an action-plan clause is sought', () => {
    for (const [text, ref] of [['宣言第十二段', 'ND-12'], ['Declaration para 12 follow-up', 'ND-12'], ['倡议第三条', 'IC-3']] as const) {
      expect(matchActivity(text)).toMatchObject({ best: null, accepted: false, candidates: [], reason: { kind: 'other-document', ref } });
      expect(matchActivity(text, { docs: ['AP', 'ND', 'IC'] }).reason).toEqual({ kind: 'reference', ref });
    }
  });

  it('proposes no candidate when only lone characters are shared', () => {
    // 十 and 段 appear in many clause texts; they are not a topic.
    expect(matchActivity('十段')).toMatchObject({ best: null, candidates: [], reason: { kind: 'terms', terms: [] } });
  });
});

describe('retrieval', () => {
  it('maps realistic descriptions in Chinese and English, with the matched terms as the reason', () => {
    const zh = matchActivity('湄公河流域水文数据共享平台二期建设');
    expect(zh.best).toBe('AP-4.2.12');
    expect(zh.accepted).toBe(true);
    expect(zh.reason.kind).toBe('terms');
    if (zh.reason.kind === 'terms') expect(zh.reason.terms).toEqual(expect.arrayContaining(['水文', '共享平台']));
    const en = matchActivity('Training workshop for customs officers on single-window clearance');
    expect(en.best).toBe('AP-4.2.3');
    if (en.reason.kind === 'terms') expect(en.reason.terms).toEqual(expect.arrayContaining(['customs', 'single', 'window']));
  });

  it('a clause title written out in the text outweighs project boilerplate', () => {
    for (const [text, id] of [
      ['农业示范项目（第70期） 围绕农业开展联合研究，促进澜湄国家务实合作。', 'AP-4.2.5'],
      ['产能合作培训班（第226期） 围绕产能合作开展联合研究，促进澜湄国家务实合作。', 'AP-4.2.2'],
      ['Water resources forum', 'AP-4.2.12'],
    ]) {
      const r = matchActivity(text);
      expect(r.best, text).toBe(id);
      expect(r.accepted, text).toBe(true);
    }
  });

  it('returns top-k candidates with bilingual titles and descending scores', () => {
    const r = matchActivity('澜湄国家职业教育与高校学术交流', { top: 5 });
    expect(r.candidates).toHaveLength(5);
    expect(r.candidates[0]).toMatchObject({ id: 'AP-4.3.3', title: { zh: '教育和人力资源开发', en: 'Education and human resources development' } });
    for (let i = 1; i < 5; i++) expect(r.candidates[i - 1].score).toBeGreaterThanOrEqual(r.candidates[i].score);
    expect(r.candidates.every((c) => c.id.startsWith('AP-'))).toBe(true);
  });

  it('searches the declaration and the initiative when asked', () => {
    const r = matchActivity('湄龙行动 智慧海关 单一窗口', { docs: ['AP', 'ND', 'IC'], top: 3 });
    expect(r.best).toBe('ND-11');
    expect(matchActivity('疫苗研发与流行病学', { docs: ['IC'] }).best).toBe('IC-5');
  });

  it('gives nothing for empty, meaningless or off-topic text, never accepting it', () => {
    for (const text of ['', '   ', '—', '12345', 'xyzzy plugh']) {
      const r = matchActivity(text);
      expect(r).toMatchObject({ best: null, confidence: 0, accepted: false, candidates: [] });
    }
    expect(matchActivity('的的的了了了').accepted).toBe(false);
  });

  it('ambiguous text gets a low confidence and is not accepted', () => {
    for (const text of ['合作论坛', 'exchange and training', 'regional forum']) {
      const r = matchActivity(text); // forums and exchanges exist under several clauses
      expect(r.accepted).toBe(false);
      expect(r.confidence).toBeLessThan(DEFAULT_ACCEPT_THRESHOLD);
      expect(r.candidates.length).toBeGreaterThan(1);
    }
  });

  it('honours a caller threshold', () => {
    const text = '澜湄旅游城市合作联盟年会';
    expect(matchActivity(text, { threshold: 0.99 }).accepted).toBe(false);
    expect(matchActivity(text, { threshold: 0.01 }).accepted).toBe(true);
  });

  it('handles very long and hostile input without trouble', () => {
    const long = '水资源合作'.repeat(100_000);
    const t0 = Date.now();
    const r = matchActivity(long);
    expect(r.best).toBe('AP-4.2.12');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(matchActivity('=HYPERLINK("http://x")').query).toBe('=HYPERLINK("http://x")');
    expect(matchActivity(42 as unknown as string).query).toBe('42');
  });
});

describe('confidence', () => {
  it('grows with the score and the margin over the runner-up, within 0–1', () => {
    expect(confidenceOf(0, 0)).toBe(0);
    expect(confidenceOf(10, 10)).toBe(0);
    expect(confidenceOf(10, 2)).toBeGreaterThan(confidenceOf(10, 6));
    expect(confidenceOf(20, 0)).toBeGreaterThan(confidenceOf(5, 0));
    expect(confidenceOf(1e9, 0)).toBeLessThanOrEqual(1);
  });
});

describe('tokenizer', () => {
  it('splits Chinese into characters and pairs, English into stems, folding full width', () => {
    const t = terms('水文数据 Ｔｒａｉｎｉｎｇs for customs');
    expect(t.map((x) => x.text)).toEqual(expect.arrayContaining(['水', '水文', '文数', '数据', 'custom']));
    expect(t.some((x) => x.text === 'for')).toBe(false);
  });
});

describe('createMatcher over any clause list', () => {
  it('works on a list of its own (the index is built from the clauses given)', () => {
    const mk = (id: string, zh: string, en: string, text: string): Clause => ({
      id, doc: 'AP', number: id, key: id, parent: null, heading: false, title: { zh, en }, text,
      keywords: { zh: [], en: [] }, cites: [], truncated: false,
    });
    const m = createMatcher([mk('X-1', '渔业', 'Fisheries', '渔业资源养护'), mk('X-2', '林业', 'Forestry', '森林防火')]);
    expect(m.match('fisheries management').best).toBe('X-1');
    expect(m.match('森林防火培训').best).toBe('X-2');
  });

  it('builds the catalog index once', () => {
    expect(catalogMatcher()).toBe(catalogMatcher(['AP']));
    expect(catalogMatcher(['AP', 'ND'])).not.toBe(catalogMatcher());
  });
});

describe('the labelled set', () => {
  const items = loadLabelled();
  const pairs = items.map((item) => ({ item, result: matchActivity(item.text, { top: 10 }) }));

  it('has ≥ 150 realistic items in both languages, every action-plan leaf clause at least twice, ≥ 30% held out', () => {
    expect(items.length).toBeGreaterThanOrEqual(150);
    const zh = items.filter((i) => i.lang === 'zh').length;
    expect(zh / items.length).toBeGreaterThan(0.4);
    expect(zh / items.length).toBeLessThan(0.6);
    for (const c of leafClauses('AP')) expect(items.filter((i) => i.clause === c.id).length).toBeGreaterThanOrEqual(2);
    expect(items.filter((i) => HELD_OUT_SPLITS.includes(i.split)).length / items.length).toBeGreaterThanOrEqual(0.3);
    for (const i of items) {
      expect(i.lang === 'zh' ? /\p{Script=Han}/u.test(i.text) : !/\p{Script=Han}/u.test(i.text)).toBe(true);
      expect(findReference(i.text)).toBeNull(); // descriptions, not references
    }
  });

  it('meets its floors (top-1 and top-3 overall; precision of accepted matches on the held-out part)', () => {
    const all = rankFigures(pairs);
    expect(all.top1).toBeGreaterThanOrEqual(0.95);
    expect(all.top3).toBeGreaterThanOrEqual(0.99);
    const hold = rankFigures(pairs.filter((p) => p.item.split === 'holdout'));
    expect(hold.top1).toBeGreaterThanOrEqual(0.95);
    const acc = precisionAt(pairs.filter((p) => p.item.split === 'holdout'), DEFAULT_ACCEPT_THRESHOLD);
    expect(acc.precision).toBeGreaterThanOrEqual(0.95);
    expect(acc.coverage).toBeGreaterThanOrEqual(0.9);
  });

  it('meets its floors on holdout2, the part written after the vocabulary was frozen', () => {
    const h2 = pairs.filter((p) => p.item.split === 'holdout2');
    expect(h2.length).toBeGreaterThanOrEqual(60);
    for (const c of leafClauses('AP')) expect(h2.filter((p) => p.item.clause === c.id).length).toBeGreaterThanOrEqual(1);
    const f = rankFigures(h2);
    expect(f.top1).toBeGreaterThanOrEqual(0.88);
    expect(f.top3).toBeGreaterThanOrEqual(0.97);
    const acc = precisionAt(h2, DEFAULT_ACCEPT_THRESHOLD);
    expect(acc.precision).toBeGreaterThanOrEqual(0.9);
    expect(acc.coverage).toBeGreaterThanOrEqual(0.85);
  });
});
