import { describe, expect, it } from 'vitest';
import { isoToSerial, serialToIso } from '../../src/model/excel-date.js';

describe('Excel serial dates both ways', () => {
  it.each([
    ['1900-01-01', 1],
    ['1900-02-28', 59],
    ['1900-03-01', 61],
    ['2024-02-29', 45351],
    ['2025-06-30', 45838],
    ['9999-12-31', 2958465],
  ])('%s is serial %i, and back', (iso, serial) => {
    expect(isoToSerial(iso)).toBe(serial);
    expect(serialToIso(serial)).toBe(iso);
  });

  it('refuses what is not a date', () => {
    expect(isoToSerial('2024-13-01x')).toBeNull();
    expect(isoToSerial('15/03/2024')).toBeNull();
    expect(serialToIso(60)).toBeNull(); // Excel's fictitious 1900-02-29
  });
});
