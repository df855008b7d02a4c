import { describe, expect, it } from 'vitest';
import { rowsFromExcel } from '../../taskpane/sheet-host/excel-values.js';
import { uniqueSheetName, uniqueTableName } from '../../taskpane/sheet-host/sheet-host.js';

describe('uniqueSheetName', () => {
  it('keeps a free name, numbers a taken one (whatever its case), and stays within 31 characters', () => {
    expect(uniqueSheetName('条款', ['活动清单'])).toBe('条款');
    expect(uniqueSheetName('Activities', ['activities', 'Activities (2)'])).toBe('Activities (3)');
    const long = 'An activity sheet with a long name';
    expect(uniqueSheetName(long, [])).toBe(long.slice(0, 31));
    expect(uniqueSheetName(long, [long.slice(0, 31)])).toBe(`${long.slice(0, 27)} (2)`);
  });
});

describe('uniqueTableName', () => {
  it('keeps a free name and numbers a taken one without spaces, whatever its case', () => {
    expect(uniqueTableName('LmcTracker', ['Table1'])).toBe('LmcTracker');
    expect(uniqueTableName('LmcTracker', ['lmctracker', 'LmcTracker2'])).toBe('LmcTracker3');
  });
});

describe('rowsFromExcel', () => {
  it('places cells at their sheet columns and leaves empty rows empty', () => {
    const rows = rowsFromExcel(
      { values: [['', 45366], ['', '']], formats: [['General', 'yyyy-mm-dd'], ['General', 'General']], types: [['Empty', 'Double'], ['Empty', 'Empty']] },
      3,
      2,
      false,
    );
    expect(rows[0]![4]).toEqual({ v: '2024-03-15', t: 'd', z: 'yyyy-mm-dd' });
    expect(rows[0]![3]).toBeUndefined();
    expect(rows[1]).toEqual([]);
  });
});
