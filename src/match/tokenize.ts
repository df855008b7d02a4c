/** A term of the retrieval index: a Chinese character or character pair, or an English word stem. */
export interface Term {
  /** Numeric key for Chinese terms (one or two UTF-16 code units), string key for English stems. */
  key: number | string;
  /** The term as shown to users (`水资`, `water`). */
  text: string;
  kind: 'zh1' | 'zh2' | 'en';
}

const EN_STOP = new Set(
  (
    'a an and are as at be by for from in into is it its of on or the to with within this that these those ' +
    'via per our their his her we they new two three four five six ii iii iv phase project projects programme ' +
    'program activity activities support supporting lmc lancang mekong lancang-mekong mekong-lancang countries country ' +
    'cooperation cooperative cooperate joint between among six training workshop seminar study'
  ).split(' '),
);

// Characters that carry no topic on their own in these texts; their bigrams still count.
const ZH_STOP_UNI = new Set(Array.from('的与和及在于对等各其之为以并将把被了是也或向从由个项期届年月日第中六国澜湄合作'));

// Pairs that every project description uses whatever its field (boilerplate verbs, the cooperation's own name).
const ZH_STOP_BI = new Set(
  (
    '澜湄 湄国 国家 六国 各国 合作 建设 项目 开展 推进 加强 促进 推动 支持 实施 举办 探索 深化 领域 相关 活动 ' +
    '工作 进一步 一步 有关 提升 二期 一期 三期 培训 训班 研讨 经验 示范 范项 研究 联合 务实 实合 能力 力建 围绕'
  )
    .split(' ')
    .filter((w) => w.length === 2)
    .map((w) => w.charCodeAt(0) * 0x10000 + w.charCodeAt(1) + 0x100000000),
);

/** True for a CJK unified ideograph (basic block and extension A) or a compatibility ideograph. */
export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}

const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
const toAscii = (c: string): string => String.fromCharCode(c.charCodeAt(0) - 0xfee0);

/** Folds full-width forms to ASCII and lowercases, so `ＡＰ－４` reads as `ap-4`. */
export function foldText(text: string): string {
  // NFKC then lower case, without the normalizer for the text a tracker mostly holds: ASCII, unified ideographs, the
  // CJK punctuation, quotes and dash NFKC leaves alone, and full-width ASCII forms, which NFKC maps one to one onto
  // ASCII. Anything else (a combining mark, an ellipsis, a compatibility ideograph) takes the normalizer.
  let wide = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3001 && c <= 0x3011) || (c >= 0x2018 && c <= 0x201d) || c === 0x2014 || c === 0xb7) continue;
    if (c >= 0xff01 && c <= 0xff5e) {
      wide = true;
      continue;
    }
    return text.normalize('NFKC').toLowerCase();
  }
  return (wide ? text.replace(FULL_WIDTH_ASCII, toAscii) : text).toLowerCase();
}

/** Reduces an English word to a crude stem, so `trainings`, `training` and `trained` meet. */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 4 && w.endsWith('es') && /(?:ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 6 && w.endsWith('ation')) w = w.slice(0, -5);
  else if (w.length > 5 && w.endsWith('ion')) w = w.slice(0, -3);
  if (w.length > 5 && w.endsWith('al')) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** Numeric key of a Chinese unigram. */
export function uniKey(code: number): number {
  return code;
}

/** Numeric key of a Chinese bigram (two code units packed into one number). */
export function biKey(a: number, b: number): number {
  return a * 0x10000 + b + 0x100000000;
}

/**
 * Calls `visit` for every term of the text: Chinese unigrams (except stop characters) and bigrams within runs of
 * Han characters, and English word stems (stop words dropped). No dictionary, no Intl.Segmenter.
 */
export function forEachTerm(text: string, visit: (key: number | string, kind: Term['kind'], at: number, len: number) => void): void {
  forEachFoldedTerm(foldText(text), visit);
}

/** Like `forEachTerm` for a text already folded with `foldText`; positions refer to that text. */
export function forEachFoldedTerm(s: string, visit: (key: number | string, kind: Term['kind'], at: number, len: number) => void): void {
  scanFoldedTerms(
    s,
    (a, b, at) => (b < 0 ? visit(uniKey(a), 'zh1', at, 1) : visit(biKey(a, b), 'zh2', at, 2)),
    (word, at, len) => visit(word, 'en', at, len),
  );
}

// Stop characters and stop pairs as flat tables, so the scanner tests them without building strings or big keys.
const STOP_UNI = new Uint8Array(0x10000);
for (const ch of ZH_STOP_UNI) STOP_UNI[ch.charCodeAt(0)] = 1;

/** An allocation-free set of Chinese character pairs (two UTF-16 code units), keyed by the packed 32-bit pair. */
export class PairTable<V extends number = number> {
  private keys: Uint32Array;
  private vals: Int32Array;
  private mask: number;

  /** Builds the table from `[first unit, second unit, value ≥ 0]` triples. */
  constructor(entries: Iterable<readonly [number, number, V]>) {
    const list = [...entries];
    let size = 16;
    while (size < list.length * 2) size *= 2;
    this.keys = new Uint32Array(size);
    this.vals = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (const [a, b, v] of list) {
      const key = ((a << 16) | b) >>> 0;
      let i = pairSlot(key) & this.mask;
      while (this.vals[i] >= 0 && this.keys[i] !== key) i = (i + 1) & this.mask;
      this.keys[i] = key;
      this.vals[i] = v;
    }
  }

  /** The value stored for the pair, or -1. */
  get(a: number, b: number): number {
    const key = ((a << 16) | b) >>> 0;
    for (let i = pairSlot(key) & this.mask; ; i = (i + 1) & this.mask) {
      const v = this.vals[i];
      if (v < 0 || this.keys[i] === key) return v;
    }
  }
}

function pairSlot(key: number): number {
  return Math.imul(key ^ (key >>> 15), 0x2c1b3c6d) >>> 12;
}

const STOP_BI = new PairTable(
  [...ZH_STOP_BI].map((k): [number, number, number] => {
    const packed = k - 0x100000000;
    return [Math.floor(packed / 0x10000), packed % 0x10000, 1];
  }),
);

/**
 * The one tokenizer behind `forEachFoldedTerm`, with Chinese terms given as code units: `onHan(a, -1, at)` for a
 * unigram, `onHan(a, b, at)` for the bigram ending at `at + 1`; English stems go to `onWord`. Terms arrive in text order.
 */
export function scanFoldedTerms(
  s: string,
  onHan: (a: number, b: number, at: number) => void,
  onWord: (stem: string, at: number, len: number) => void,
): void {
  let prevHan = -1;
  let wordStart = -1;
  for (let i = 0; i <= s.length; i++) {
    const code = i < s.length ? s.charCodeAt(i) : 32;
    const han = isHan(code);
    const wordChar = (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
    if (wordChar) {
      if (wordStart < 0) wordStart = i;
    } else if (wordStart >= 0) {
      const word = s.slice(wordStart, i);
      if (word.length > 1 && !EN_STOP.has(word) && !/^\d+$/.test(word)) onWord(stem(word), wordStart, i - wordStart);
      wordStart = -1;
    }
    if (han) {
      if (STOP_UNI[code] === 0) onHan(code, -1, i);
      if (prevHan >= 0 && STOP_BI.get(prevHan, code) < 0) onHan(prevHan, code, i - 1);
      prevHan = code;
    } else {
      prevHan = -1;
    }
  }
}

/** Lists the terms of a text, with their display form (used for indexing and for explaining a match). */
export function terms(text: string): Term[] {
  const out: Term[] = [];
  const folded = foldText(text);
  forEachTerm(text, (key, kind, at, len) => {
    out.push({ key, kind, text: kind === 'en' ? (key as string) : folded.slice(at, at + len) });
  });
  return out;
}
