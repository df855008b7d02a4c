import { describe, expect, it } from 'vitest';
import { leafClauses } from '../../src/catalog/index.js';
import {
  crossReferences,
  normaliseDocumentName,
  sameDocument,
  topicSimilarity,
  TOPIC_THRESHOLD,
  type XrefEntry,
} from '../../src/xref/index.js';

const entry = (from: string, to: string): XrefEntry | undefined => crossReferences(from).find((e) => e.id === to);
const kinds = (e: XrefEntry | undefined) => e?.reasons.map((r) => r.kind) ?? [];
const names = (e: XrefEntry | undefined) => e?.reasons.flatMap((r) => (r.kind === 'topic' ? [] : [r.name])) ?? [];

describe('document names', () => {
  it.each([
    ['《澜湄跨境经济合作五年发展计划》', '《澜湄跨境经济合作五年发展规划》'],
    ['《澜湄国家产能与投资合作三年行动计划》', '《澜湄国家产能合作三年行动计划(2024—2026)》'],
    ['《澜湄水资源合作五年行动计划(2023—2027)》', '澜湄水资源合作五年行动计划（2023-2027）'],
    ['《澜沧江—湄公河环境合作战略与行动框架(2023—2027)》', '《澜湄环境合作战略与行动框架》'],
    ['《东盟互联互通总体规划2025》', '东盟互联互通 总体计划'],
  ])('%s = %s', (a, b) => {
    expect(sameDocument(a, b)).toBe(true);
  });

  it('keeps different documents apart', () => {
    expect(sameDocument('《澜湄水资源合作五年行动计划》', '《澜湄农业合作五年行动计划(2023—2027)》')).toBe(false);
    expect(sameDocument('《联合国宪章》', '《东盟宪章》')).toBe(false);
    expect(normaliseDocumentName('《澜湄国家产能与投资合作三年行动计划》')).toBe('澜湄国家产能合作三年行动计划');
  });
});

describe('crossReferences', () => {
  it('AP 4.2.12 ↔ ND 12 and ND 13 through the water-resources plan, the forum and the ministerial meeting', () => {
    const list = crossReferences('AP-4.2.12');
    expect(list.slice(0, 2).map((e) => e.id).sort()).toEqual(['ND-12', 'ND-13']);
    for (const id of ['ND-12', 'ND-13']) {
      const e = entry('AP-4.2.12', id);
      expect(e?.reasons).toContainEqual({ kind: 'document', name: '澜湄水资源合作五年行动计划(2023—2027)' });
      expect(names(e)).toContain('澜湄水资源合作论坛');
    }
    expect(names(entry('AP-4.2.12', 'ND-13'))).toContain('澜湄水资源合作信息共享平台');
  });

  it('AP 4.2.14 ↔ ND 16 through the environment framework and the Green Lancang-Mekong plan', () => {
    const e = entry('AP-4.2.14', 'ND-16');
    expect(crossReferences('AP-4.2.14')[0].id).toBe('ND-16');
    expect(names(e)).toEqual(expect.arrayContaining(['澜沧江—湄公河环境合作战略与行动框架(2023—2027)', '绿色澜湄计划']));
  });

  it.each([
    ['AP-4.2.3', 'ND-7', 'document', '澜湄跨境经济合作五年发展计划'], // 计划 vs 规划
    ['AP-4.2.2', 'ND-8', 'document', '澜湄国家产能与投资合作三年行动计划'], // 与投资, year range
    ['AP-4.2.1', 'ND-9', 'document', '澜湄国家互联互通合作规划'],
    ['AP-4.2.5', 'ND-14', 'programme', '丰收澜湄'],
    ['AP-5.2', 'ND-21', 'programme', '澜湄合作专项基金'],
    ['AP-5.3', 'ND-24', 'programme', '澜湄合作知名人士论坛'],
    ['AP-5.4', 'ND-18', 'programme', '澜湄合作地方政府合作论坛'],
    ['AP-4.3.2', 'ND-17', 'programme', '澜湄旅游城市合作联盟'],
    ['AP-3', 'ND-23', 'programme', '澜湄合作国际秘书处'],
    ['AP-5.5', 'ND-22', 'programme', '湄公河委员会'], // 澜委会 in the plan, 湄公河委员会 in the declaration
  ])('%s ↔ %s: %s %s, and it ranks first', (from, to, kind, name) => {
    const e = entry(from, to);
    expect(e?.reasons).toContainEqual({ kind, name });
    expect(crossReferences(from)[0].id).toBe(to);
  });

  it('AP 4.2.8 ↔ every item of the Innovation Corridor Initiative and ND 15', () => {
    const ids = crossReferences('AP-4.2.8').map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['IC-preamble', 'IC-1', 'IC-2', 'IC-3', 'IC-4', 'IC-5', 'ND-15']));
    expect(names(entry('AP-4.2.8', 'IC-5'))).toContain('澜湄区域创新走廊');
  });

  it('topical links: transnational crime ↔ ND 6, energy ↔ ND 10, religion ↔ ND 20 (no shared name)', () => {
    for (const [a, b] of [['AP-4.1.3.2', 'ND-6'], ['AP-4.2.4', 'ND-10'], ['AP-4.3.6', 'ND-20']]) {
      expect(kinds(entry(a, b))).toEqual(['topic']);
    }
  });

  it('works from the other side, is symmetric in reasons, ranked by score, and only lists the other texts', () => {
    const fromNd = crossReferences('ND-12');
    expect(fromNd[0].id).toBe('AP-4.2.12');
    expect(fromNd.map((e) => e.id).some((id) => id.startsWith('ND-'))).toBe(false);
    for (let i = 1; i < fromNd.length; i++) expect(fromNd[i - 1].score).toBeGreaterThanOrEqual(fromNd[i].score);
    expect(entry('ND-16', 'AP-4.2.14')?.score).toBe(entry('AP-4.2.14', 'ND-16')?.score);
    expect(crossReferences('IC-3', { docs: ['AP'] }).every((e) => e.id.startsWith('AP-'))).toBe(true);
    expect(crossReferences('AP-99')).toEqual([]);
  });

  it('a heading relates through the clauses below it', () => {
    expect(crossReferences('AP-4.2').map((e) => e.id)).toEqual(expect.arrayContaining(['ND-12', 'ND-16']));
  });
});

describe('topical threshold', () => {
  it('sits in the top few percent of all cross-text pairs, and above every unrelated pair checked by hand', () => {
    const ls = leafClauses();
    const sims: number[] = [];
    for (const a of ls) for (const b of ls) if (a.doc < b.doc) sims.push(topicSimilarity(a.id, b.id));
    const above = sims.filter((s) => s >= TOPIC_THRESHOLD).length / sims.length;
    expect(sims.length).toBeGreaterThan(1000);
    expect(above).toBeGreaterThan(0.02);
    expect(above).toBeLessThan(0.05);
    // Unrelated pairs: finance vs. the fund's project list; project monitoring vs. the fund.
    expect(topicSimilarity('AP-4.2.11', 'ND-21')).toBeLessThan(TOPIC_THRESHOLD);
    expect(topicSimilarity('AP-5.1', 'ND-21')).toBeLessThan(TOPIC_THRESHOLD);
    expect(topicSimilarity('AP-4.3.6', 'ND-6')).toBeLessThan(TOPIC_THRESHOLD);
  });
});
