/** Folds full-width forms to half-width (NFKC), so `４０％` reads as `40%` and `（` as `(`. */
export function foldWidth(s: string): string {
  // ASCII is its own NFKC form; most cells are, and the check is far cheaper than the normaliser.
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return s.normalize('NFKC');
  return s;
}

/** Normalises a header for matching: width-folded, lower-case, all white space removed. */
export function normaliseHeader(s: string): string {
  return foldWidth(s).toLowerCase().replace(/[\s\u200b-\u200d\u2060\ufeff]+/gu, '');
}

/** Normalises an activity name for duplicate detection: width, case, white space and punctuation ignored. */
export function normaliseName(s: string): string {
  return foldWidth(s).toLowerCase().replace(/[\s\p{P}\p{S}\u200b-\u200d\u2060\ufeff]+/gu, '');
}

/** Levenshtein distance between two short strings, used to propose the nearest accepted value. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = cur;
  }
  return prev[n];
}
