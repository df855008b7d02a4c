const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const NAMES = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** True when the string is a Chinese numeral from 一 to 九十九. */
export function isChineseNumeral(s: string): boolean {
  return /^[一二两三四五六七八九十]+$/.test(s) && fromChineseNumeral(s) !== null;
}

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

/** Writes 1…99 as a Chinese numeral (12 → `十二`, 20 → `二十`). */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`no Chinese numeral for ${n}`);
  if (n < 10) return NAMES[n];
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return `${tens === 1 ? '' : NAMES[tens]}十${NAMES[units]}`;
}
