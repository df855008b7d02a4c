/** Why a delimited text could not be turned into rows within the limits. */
export interface CsvOverflow {
  overflow: 'rows' | 'columns' | 'cells';
}

/** Limits on the shape of a delimited text. */
export interface CsvLimits {
  maxRows: number;
  maxColumns: number;
  maxCells: number;
}

/**
 * Picks the delimiter of a delimited text from its first line (outside quotes): the most frequent
 * of comma, semicolon, tab and the full-width comma; comma when the line has none of them.
 */
export function guessDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
    ['，', 0],
  ]);
  let quoted = false;
  for (let i = 0; i < text.length && i < 65536; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [ch, n] of counts) if (n > bestCount) (best = ch), (bestCount = n);
  return best;
}

/**
 * Splits delimited text (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes; an
 * Excel `sep=;` first line names the delimiter) into rows of raw field texts.
 */
export function parseDelimited(text: string, limits: CsvLimits): string[][] | CsvOverflow {
  const rows: string[][] = [];
  const overflow = forEachDelimitedRow(text, limits, (row) => rows.push(row));
  return overflow ?? rows;
}

/**
 * parseDelimited, handing each row to `onRow` as soon as it is split instead of collecting them:
 * the same rows in the same order (trailing rows of one empty field are dropped), or the same overflow.
 */
export function forEachDelimitedRow(text: string, limits: CsvLimits, onRow: (row: string[]) => void): CsvOverflow | undefined {
  let delim: string;
  let i = 0;
  const sepLine = /^sep=(.)\r?\n/.exec(text.slice(0, 8));
  if (sepLine) (delim = sepLine[1]), (i = sepLine[0].length);
  else delim = guessDelimiter(text);
  const d = delim.charCodeAt(0);

  let count = 0;
  // Rows of one empty field are held back until a later row shows they are not trailing.
  let held = 0;
  const emit = (row: string[]): void => {
    if (row.length === 1 && row[0] === '') {
      held++;
      return;
    }
    for (; held > 0; held--) onRow(['']);
    onRow(row);
  };
  let row: string[] = [];
  let cells = 0;
  const n = text.length;
  while (i <= n) {
    let field: string;
    if (text.charCodeAt(i) === 34) {
      // Quoted field: runs to the next lone quote; a doubled quote is one quote character.
      let j = i + 1;
      let buf = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          buf += text.slice(j);
          j = n;
          break;
        }
        buf += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          buf += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      // Text between the closing quote and the delimiter is kept, as spreadsheet programs do.
      let k = j;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === d || c === 10 || c === 13) break;
        k++;
      }
      field = buf + text.slice(j, k);
      i = k;
    } else {
      let k = i;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === d || c === 10 || c === 13) break;
        k++;
      }
      field = text.slice(i, k);
      i = k;
    }
    row.push(field);
    if (row.length > limits.maxColumns) return { overflow: 'columns' };
    if (++cells > limits.maxCells) return { overflow: 'cells' };
    const c = text.charCodeAt(i);
    if (c === d) {
      i++;
      continue;
    }
    // End of line or of text.
    if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
    else i++;
    if (++count > limits.maxRows) return { overflow: 'rows' };
    emit(row);
    row = [];
    if (i >= n) break;
  }
  return undefined;
}

const PLAIN_NUMBER = /^[+-]?(?:0|[1-9]\d*)(?:\.\d+)?$|^[+-]?0?\.\d+$/;

/**
 * Reads a field as a number only when it is written as a plain decimal number (`12`, `-3.5`,
 * `0.4`); `007`, `1,200`, `40%`, `1e3` and dates stay text, so the rules see them as written.
 */
export function plainNumber(s: string): number | undefined {
  if (s.length === 0 || s.length > 20 || !PLAIN_NUMBER.test(s)) return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}
