import { describe, expect, it } from 'vitest';
import { parseRef } from '../../src/catalog/ref.js';

const id = (s: string, opts = {}) => {
  const r = parseRef(s, opts);
  return r.ok ? r.id : `${r.reason}${r.id ? ` ${r.id}` : ''}`;
};

describe('parseRef', () => {
  it.each([
    ['4.2.12', 'AP-4.2.12'],
    ['AP-4.2.12', 'AP-4.2.12'],
    ['AP 4.2.12', 'AP-4.2.12'],
    ['ap4.2.12', 'AP-4.2.12'],
    ['第4.2.12条', 'AP-4.2.12'],
    ['行动计划4.2.12', 'AP-4.2.12'],
    ['行动计划第4.2.12条', 'AP-4.2.12'],
    ['4.2.12 水资源合作', 'AP-4.2.12'],
    ['4.2.12水资源合作', 'AP-4.2.12'],
    ['４．２．１２', 'AP-4.2.12'],
    ['ＡＰ－４．２．１２', 'AP-4.2.12'],
    [' 4.1.3.2 ', 'AP-4.1.3.2'],
    ['一', 'AP-1'],
    ['三、工作架构', 'AP-3'],
    ['AP-5.5', 'AP-5.5'],
    ['ND-12', 'ND-12'],
    ['nd 12', 'ND-12'],
    ['宣言第十二段', 'ND-12'],
    ['内比都宣言第十二条', 'ND-12'],
    ['宣言第12段', 'ND-12'],
    ['Declaration para 12', 'ND-12'],
    ['Naypyidaw Declaration paragraph 25', 'ND-25'],
    ['IC-3', 'IC-3'],
    ['倡议第三条', 'IC-3'],
    ['Initiative item 5', 'IC-5'],
    ['IC-preamble', 'IC-preamble'],
  ])('%s → %s', (input, expected) => {
    expect(id(input)).toBe(expected);
  });

  it.each([
    ['4.9.1', 'unknown AP-4.9.1'],
    ['ND-26', 'unknown ND-26'],
    ['IC-6', 'unknown IC-6'],
    ['', 'malformed'],
    ['水资源', 'malformed'],
    ['2024-03-15', 'malformed'],
    ['宣言第二十六段', 'unknown ND-26'],
  ])('%s fails as %s', (input, expected) => {
    expect(id(input)).toBe(expected);
  });

  it('refuses a heading where a clause with text is needed, and names its clauses', () => {
    const r = parseRef('4.2', { leafOnly: true });
    expect(r).toMatchObject({ ok: false, reason: 'heading', id: 'AP-4.2' });
    expect(r.ok ? [] : r.suggestions).toContain('AP-4.2.1');
    expect(id('四', { leafOnly: true })).toBe('heading AP-4');
    expect(id('4.2')).toBe('AP-4.2');
  });

  it('refuses a declaration paragraph where an action-plan clause is needed', () => {
    expect(id('ND-12', { docs: ['AP'] })).toBe('wrong-doc ND-12');
  });

  it('suggests the nearest valid ids for an unknown reference', () => {
    const r = parseRef('ND-26');
    expect(r.ok ? [] : r.suggestions[0]).toBe('ND-25');
    const t = parseRef('水资源合作');
    expect(t.ok ? [] : t.suggestions).toContain('AP-4.2.12');
  });
});
