// A number format shows a date when a date token (y, d or e) stands outside what only decorates the number:
// quoted text, backslash escapes, `_x` padding, `*x` fill, [brackets] (colours, locales, conditions) and the
// word General. Formats of elapsed time ([h]:mm, [mm]:ss) count hours, not calendar days, and are not dates.
// Month-only `m`, hours and seconds alone are times or ambiguous; a tracker date always has a day or a year.

const memo = new Map<string, boolean>();
const MEMO_MAX = 4096;

function scan(z: string): boolean {
  if (/\[(?:h+|m+|s+)\]/i.test(z)) return false;
  let dateToken = false;
  for (let i = 0; i < z.length; ) {
    const c = z[i];
    if (c === '"') {
      const close = z.indexOf('"', i + 1);
      i = close < 0 ? z.length : close + 1;
    } else if (c === '\\' || c === '_' || c === '*') {
      i += 2;
    } else if (c === '[') {
      const close = z.indexOf(']', i + 1);
      i = close < 0 ? z.length : close + 1;
    } else if ((c === 'G' || c === 'g') && z.slice(i, i + 7).toLowerCase() === 'general') {
      i += 7;
    } else if (c === '0' || c === '#' || c === '.' || c === '?') {
      // A digit placeholder run swallows its exponent (0.00E+00 is scientific, not an era year).
      i++;
      while (i < z.length && '0#?.,%'.includes(z[i])) i++;
      if ((z[i] === 'E' || z[i] === 'e') && (z[i + 1] === '+' || z[i + 1] === '-')) i += 2;
    } else {
      if ('yYdDeE'.includes(c)) dateToken = true;
      i++;
    }
  }
  return dateToken;
}

/** True when a number format code shows its number as a calendar date (`yyyy-mm-dd`, `d/m/yy`, `[$-804]yyyy"年"m"月"d"日"`). */
export function isDateFormat(z: string): boolean {
  let d = memo.get(z);
  if (d === undefined) {
    d = scan(z);
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(z, d);
  }
  return d;
}
