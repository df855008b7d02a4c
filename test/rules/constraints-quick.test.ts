import { describe, expect, it } from 'vitest';
import { quickCheck } from '../../src/rules/constraints.js';
import { INPUT_COLUMNS, type InputColumnKey } from '../../src/schema/columns.js';
import { columnSchema } from '../../src/schema/tracker.js';

const constrained = INPUT_COLUMNS.filter((c) => c.constraint).map((c) => c.key as InputColumnKey);

const samples: unknown[] = [
  '', 'a', 'x'.repeat(199), 'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(1999), 'x'.repeat(2000), 'x'.repeat(2001),
  '水'.repeat(200), '水'.repeat(201), 'CN-2024-001', 'CN-2024-01', 'cn-2024-001', 'JP-2024-001', 'CN-2024-0011', ' CN-2024-001',
  '2022-12-31', '2023-01-01', '2025-06-30', '2027-12-31', '2028-01-01', '2024-02-29', '2023-02-29', '2024-13-01',
  '2024-1-1', '2024-01-01T00:00', -1, -0.0001, 0, 0.5, 99.999, 100, 100.0001, 150, 1e12, Infinity, -Infinity, NaN,
];

describe('constraints quick check', () => {
  it('exists for every constrained column, so the common case never reaches zod', () => {
    for (const key of constrained) expect(quickCheck(key), key).not.toBeNull();
  });

  it('accepts exactly the values the column schema accepts', () => {
    for (const key of constrained) {
      const quick = quickCheck(key)!;
      const schema = columnSchema(key);
      for (const v of samples) {
        const typeOk = schema.safeParse(v).success;
        expect(quick(v), `${key} ${JSON.stringify(v)}`).toBe(typeOk);
      }
    }
  });
});
