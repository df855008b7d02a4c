import { describe, expect, it } from 'vitest';
import { normaliseHeader, placeColumns } from '../../src/model/column-placement.js';

const headers = (...texts: (string | null)[]) => new Map(texts.flatMap((t, c) => (t === null ? [] : [[c, t] as [number, string]])));
const free = () => true;

describe('placeColumns', () => {
  it('keeps a column the table already holds and appends the others after the table', () => {
    const places = placeColumns([{ header: '校验结果', col: 2 }, { header: '校验说明' }, { header: '进展评估' }], {
      lastCol: 4,
      headers: headers('活动编号', '活动名称', '校验结果', '牵头国家', '实施状态'),
      isFree: free,
    });
    expect(places).toEqual([{ col: 2, appended: false }, { col: 5, appended: true }, { col: 6, appended: true }]);
  });

  it('reuses a column whose header already names it (an earlier run), however it is spaced or wide', () => {
    const places = placeColumns([{ header: 'Clause title' }], { lastCol: 2, headers: headers('ID', 'Activity', 'Status', ' CLAUSE  TITLE '), isFree: free });
    expect(places).toEqual([{ col: 3, appended: false }]);
    expect(normaliseHeader('Ｃｌａｕｓｅ Title')).toBe('clausetitle');
  });

  it('skips columns right of the table that hold anything below the header, so no data is overwritten', () => {
    const used = new Set([3, 5]);
    const places = placeColumns([{ header: 'check' }, { header: 'issues' }, { header: 'xref' }], {
      lastCol: 2,
      headers: headers('ID', 'Activity', 'Status'),
      isFree: (c) => !used.has(c),
    });
    expect(places.map((p) => p.col)).toEqual([4, 6, 7]);
  });

  it('without a known table end, appends after the last header cell', () => {
    expect(placeColumns([{ header: 'check' }], { headers: headers('ID', null, 'Status'), isFree: free })).toEqual([{ col: 3, appended: true }]);
  });

  it('never gives two columns the same place', () => {
    const places = placeColumns([{ header: 'a', col: 1 }, { header: 'b', col: 1 }], { lastCol: 1, headers: headers('x', 'y'), isFree: free });
    expect(places).toEqual([{ col: 1, appended: false }, { col: 2, appended: true }]);
  });
});
