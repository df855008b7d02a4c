import { serialToIso } from '../../src/model/excel-date.js';
import { describe, expect, it } from 'vitest';
import {
  parseClause, parseCountry, parseCountryList, parseDate, parseFunding, parseNumber, parsePercent, parseStatus,
  parseText,
} from '../../src/schema/values.js';
import type { Cell } from '../../src/model/workbook.js';
import { cellOf, dateCell } from '../rules/helpers.js';

const s = (v: string): Cell => ({ v, t: 's' });
const n = (v: number, z?: string): Cell => (z ? { v, t: 'n', z } : { v, t: 'n' });
const value = (r: { ok: boolean; value?: unknown }): unknown => (r.ok ? r.value : `!${(r as unknown as { reason: string }).reason}`);

describe('clause references', () => {
  it.each([
    ['4.2.12', 'AP-4.2.12'],
    ['AP-4.2.12', 'AP-4.2.12'],
    ['AP 4.2.12', 'AP-4.2.12'],
    ['第4.2.12条', 'AP-4.2.12'],
    ['行动计划4.2.12', 'AP-4.2.12'],
    ['4.2.12 水资源合作', 'AP-4.2.12'],
    ['４．２．１２', 'AP-4.2.12'],
    ['一', 'AP-1'],
    ['4.1.3.1', 'AP-4.1.3.1'],
    ['5.1', 'AP-5.1'],
  ])('%s reads as %s', (input, id) => {
    expect(value(parseClause(s(input)))).toBe(id);
  });

  it('reads a number cell by its displayed text', () => {
    expect(value(parseClause({ v: 5.1, t: 'n', w: '5.1' }))).toBe('AP-5.1');
  });

  it.each([
    ['ND-12', 'clause-not-action-plan'],
    ['宣言第十二段', 'clause-not-action-plan'],
    ['内比都宣言第十二条', 'clause-not-action-plan'],
    ['Declaration para 12', 'clause-not-action-plan'],
    ['IC-3', 'clause-not-action-plan'],
    ['倡议第三条', 'clause-not-action-plan'],
    ['4.2', 'clause-heading'],
    ['4', 'clause-heading'],
    ['4.1.3', 'clause-heading'],
    ['5', 'clause-heading'],
    ['4.2.99', 'clause-unknown'],
    ['water', 'clause-malformed'],
  ])('%s fails with %s', (input, reason) => {
    const r = parseClause(s(input));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(reason);
  });

  it('names the document of a declaration paragraph and the leaves of a heading', () => {
    const nd = parseClause(s('宣言第十二段'));
    expect(nd.ok === false && nd.params).toMatchObject({ doc: 'ND', id: 'ND-12' });
    const ic = parseClause(s('IC-3'));
    expect(ic.ok === false && ic.params).toMatchObject({ doc: 'IC', id: 'IC-3' });
    const h = parseClause(s('4.2'));
    expect(h.ok === false && h.reason === 'clause-heading' && h.params.suggestions).toContain('AP-4.2.1');
  });
});

describe('countries', () => {
  it.each([
    ['柬埔寨', 'KH'], ['Cambodia', 'KH'], ['KH', 'KH'], ['KHM', 'KH'],
    ['中国', 'CN'], ['China', 'CN'], ['CN', 'CN'], ['CHN', 'CN'], ['中华人民共和国', 'CN'],
    ['老挝', 'LA'], ['Laos', 'LA'], ['Lao PDR', 'LA'], ['LA', 'LA'], ['LAO', 'LA'],
    ['缅甸', 'MM'], ['Myanmar', 'MM'], ['Burma', 'MM'], ['MM', 'MM'], ['MMR', 'MM'],
    ['泰国', 'TH'], ['Thailand', 'TH'], ['TH', 'TH'], ['THA', 'TH'],
    ['越南', 'VN'], ['Viet Nam', 'VN'], ['Vietnam', 'VN'], ['VN', 'VN'], ['VNM', 'VN'],
    ['  thailand ', 'TH'], ['ＶＮ', 'VN'], ['lao pdr', 'LA'],
  ])('%s → %s', (input, code) => {
    expect(value(parseCountry(s(input)))).toBe(code);
  });

  it('rejects other countries with the accepted list and the nearest value', () => {
    const r = parseCountry(s('Cambodja'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('not-allowed');
      expect(r.reason === 'not-allowed' && r.params.nearest).toBe('柬埔寨 / Cambodia');
      expect(r.reason === 'not-allowed' && r.params.allowed).toHaveLength(6);
    }
    const far = parseCountry(s('Japan'));
    expect(far.ok === false && far.reason === 'not-allowed' && far.params.nearest).toBeNull();
  });

  it.each([
    ['中国、老挝', ['CN', 'LA']],
    ['China, Laos; Myanmar', ['CN', 'LA', 'MM']],
    ['TH/VN', ['TH', 'VN']],
    ['泰国，越南；缅甸', ['TH', 'VN', 'MM']],
    ['KH\nLA\r\nCN', ['KH', 'LA', 'CN']],
    ['中国、China、CN', ['CN']],
  ])('list %j → %j', (input, codes) => {
    expect(value(parseCountryList(s(input)))).toEqual(codes);
  });

  it('names the item of a list that is not a country', () => {
    const r = parseCountryList(s('中国、日本'));
    expect(r.ok === false && r.params).toMatchObject({ item: '日本' });
  });
});

describe('dates', () => {
  it.each([
    [dateCell('2024-03-15'), '2024-03-15'],
    [n(45366), '2024-03-15'],
    [n(45366.75), '2024-03-15'],
    [s('2024-03-15'), '2024-03-15'],
    [s('2024/3/15'), '2024-03-15'],
    [s('2024.3.15'), '2024-03-15'],
    [s('2024年3月15日'), '2024-03-15'],
    [s('２０２４年３月１５日'), '2024-03-15'],
    [s('２０２４－０３－１５'), '2024-03-15'],
    [s('2024-03-15 00:00:00'), '2024-03-15'],
    [s('2024-03'), '2024-03-01'],
    [s('2024年3月'), '2024-03-01'],
    [s('2024-02-29'), '2024-02-29'],
  ])('%j reads as %s', (cell, iso) => {
    expect(value(parseDate(cell, { bound: 'start' }))).toBe(iso);
  });

  it('reads a month as its last day for an end date', () => {
    expect(value(parseDate(s('2024-02'), { bound: 'end' }))).toBe('2024-02-29');
    expect(value(parseDate(s('2023年2月'), { bound: 'end' }))).toBe('2023-02-28');
    expect(value(parseDate(s('2024-12'), { bound: 'end' }))).toBe('2024-12-31');
  });

  it('takes 1904 date cells as the reader converted them, and bare serials by the date system', () => {
    // The reader turns a 1904-system date cell into an ISO date; the parser only sees t:'d'.
    expect(value(parseDate(dateCell('2024-03-15')))).toBe('2024-03-15');
    expect(value(parseDate(n(43904), { date1904: true }))).toBe('2024-03-15');
    expect(serialToIso(1)).toBe('1900-01-01');
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(serialToIso(0, true)).toBe('1904-01-01');
  });

  it.each([
    [s('2024-02-30'), 'impossible-date'],
    [s('2023-02-29'), 'impossible-date'],
    [s('2024-13-01'), 'impossible-date'],
    [s('2024年13月'), 'impossible-date'],
    [s('next week'), 'not-a-date'],
    [s('15/03/2024'), 'not-a-date'],
    [n(2024), 'year-only'],
    [n(60), 'impossible-date'],
    [n(-5), 'impossible-date'],
    [n(1e300), 'impossible-date'],
    [n(3e6), 'impossible-date'],
    [n(Number.NaN), 'impossible-date'],
    [{ v: true, t: 'b' } as Cell, 'not-a-date'],
    [{ v: '#N/A', t: 'e', w: '#N/A' } as Cell, 'error-cell'],
  ])('%j is rejected (%s)', (cell, reason) => {
    expect(value(parseDate(cell))).toBe(`!${reason}`);
  });
});

describe('statuses and funding sources', () => {
  it.each([
    ['未启动', 'not_started'], ['Not started', 'not_started'],
    ['进行中', 'in_progress'], ['In progress', 'in_progress'], ['Ongoing', 'in_progress'],
    ['已完成', 'completed'], ['Completed', 'completed'], ['Done', 'completed'],
    ['延期', 'delayed'], ['Delayed', 'delayed'], ['Postponed', 'delayed'],
    ['已取消', 'cancelled'], ['Cancelled', 'cancelled'], ['Canceled', 'cancelled'],
    ['IN PROGRESS', 'in_progress'], ['not  started', 'not_started'],
  ])('status %s → %s', (input, key) => {
    expect(value(parseStatus(s(input)))).toBe(key);
  });

  it('proposes the nearest status', () => {
    const r = parseStatus(s('进行'));
    expect(r.ok === false && r.reason === 'not-allowed' && r.params.nearest).toBe('进行中 / In progress');
  });

  it.each([
    ['澜湄合作专项基金', 'special_fund'], ['LMC Special Fund', 'special_fund'],
    ['澜湄合作共同发展专项贷款', 'development_loan'], ['LMC Common Development Loan', 'development_loan'],
    ['国家预算', 'national_budget'], ['National budget', 'national_budget'],
    ['其他', 'other'], ['Other', 'other'],
  ])('funding %s → %s', (input, key) => {
    expect(value(parseFunding(s(input)))).toBe(key);
  });

  it('rejects an unknown funding source', () => {
    expect(value(parseFunding(s('World Bank')))).toBe('!not-allowed');
  });

  it('proposes the one accepted value a shortened name is part of', () => {
    const short = parseFunding(s('专项基金'));
    expect(short.ok === false && short.reason === 'not-allowed' && short.params.nearest).toBe('澜湄合作专项基金 / LMC Special Fund');
    const en = parseFunding(s('Special Fund'));
    expect(en.ok === false && en.reason === 'not-allowed' && en.params.nearest).toBe('澜湄合作专项基金 / LMC Special Fund');
    // 专项 is part of two funding sources: no single proposal.
    const both = parseFunding(s('专项'));
    expect(both.ok === false && both.reason === 'not-allowed' && both.params.nearest).toBeNull();
  });
});

describe('percent and number', () => {
  it.each([
    [n(0.4), 40],
    [n(0.4, '0%'), 40],
    [n(1), 100],
    [n(0), 0],
    [n(40), 40],
    [n(1.5, '0%'), 150],
    [n(150), 150],
    [s('40%'), 40],
    [s('40 %'), 40],
    [s('４０％'), 40],
    [s('12.5%'), 12.5],
    [s('0.4'), 40],
    [s('40'), 40],
  ])('percent %j → %d', (cell, pct) => {
    expect(value(parsePercent(cell))).toBe(pct);
  });

  it('rejects text that is not a percentage', () => {
    expect(value(parsePercent(s('about half')))).toBe('!not-a-percent');
    expect(value(parsePercent({ v: '#DIV/0!', t: 'e' }))).toBe('!error-cell');
  });

  it.each([
    [n(1200000), 1200000],
    [s('1,200,000'), 1200000],
    [s('120万'), 1200000],
    [s('1.5万'), 15000],
    [s('2亿'), 200000000],
    [s('１２０万'), 1200000],
    [s('１，２００，０００'), 1200000],
    [s('$1,200'), 1200],
    [s('USD 3000'), 3000],
    [s('3000美元'), 3000],
    [s('-5'), -5],
    [s('0.5'), 0.5],
  ])('number %j → %d', (cell, num) => {
    expect(value(parseNumber(cell))).toBe(num);
  });

  it.each(['abc', '1,2', '12,34,567', '1.2.3', '万', ''])('number %j is rejected', (text) => {
    const r = parseNumber(cellOf(text));
    expect(r.ok).toBe(false);
  });
});

describe('text', () => {
  it('trims text and reads numbers as displayed', () => {
    expect(value(parseText(s('  水资源培训 ')))).toBe('水资源培训');
    expect(value(parseText({ v: 12, t: 'n', w: '12.0' }))).toBe('12.0');
    expect(value(parseText(s('   ')))).toBe('!empty');
  });
});
