const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Reads a Chinese numeral from 一 to 九十九 (`十二` → 12), or null when it is not one. */
export function fromChineseNumeral(s: string): number | null {
  if (!/^[零〇一二两三四五六七八九十]+$/.test(s)) return null;
  const ten = s.indexOf('十');
  if (ten === -1) return s.length === 1 ? DIGITS[s] ?? null : null;
  if (s.indexOf('十', ten + 1) !== -1) return null;
  const before = s.slice(0, ten);
  const after = s.slice(ten + 1);
  if (before.length > 1 || after.length > 1) return null;
  const tens = before === '' ? 1 : DIGITS[before];
  const units = after === '' ? 0 : DIGITS[after];
  if (tens === undefined || units === undefined || tens === 0) return null;
  return tens * 10 + units;
}
