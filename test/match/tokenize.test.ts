import { describe, expect, it } from 'vitest';
import { foldText } from '../../src/match/tokenize.js';

// A small seeded generator, so a failure names the text it failed on and the run repeats.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// Code points a tracker's text meets, and the ones NFKC changes: full-width forms, the ideographic space,
// compatibility ideographs, combining marks, ligatures, circled digits, Roman numerals.
const POOL = [
  ...'AZaz09 -.,/()', '湄', '公', '河', '澜', '水', '\u3000', '、', '。', '，', 'Ａ', 'ｚ', '０', '－', '\uF900', '\uFA0E',
  '\u0301', '\u0308', 'é', 'ﬁ', '①', 'Ⅻ', 'İ', 'ẞ', '\u3400', '\uD840\uDC00', '\u00A0', '·',
  '（', '）', '：', '；', '～', '＼', '《', '》', '【', '】', '〃', '“', '”', '‘', '’', '—', '…', '\u2011', '\u2024', '\u3000',
];

describe('foldText', () => {
  it('is NFKC then lower case, on the fast path and off it', () => {
    const next = rng(2026);
    for (let n = 0; n < 5000; n++) {
      const len = Math.floor(next() * 12);
      let text = '';
      for (let i = 0; i < len; i++) text += POOL[Math.floor(next() * POOL.length)];
      expect(foldText(text), JSON.stringify(text)).toBe(text.normalize('NFKC').toLowerCase());
    }
  });

  it('agrees with NFKC on every full-width ASCII form and every character its fast path passes', () => {
    const fast = [[0x20, 0x7f], [0x3001, 0x3011], [0x2018, 0x201d], [0x2014, 0x2014], [0xb7, 0xb7], [0xff01, 0xff5e], [0x4e00, 0x4e50], [0x9fa0, 0x9fff]];
    for (const [from, to] of fast) {
      for (let c = from; c <= to; c++) {
        for (const text of [String.fromCharCode(c), `A${String.fromCharCode(c)}z`, `${String.fromCharCode(c)}\u0301`]) {
          expect(foldText(text), JSON.stringify(text)).toBe(text.normalize('NFKC').toLowerCase());
        }
      }
    }
  });

  it('folds full-width references to ASCII', () => {
    expect(foldText('ＡＰ－４．２．１２')).toBe('ap-4.2.12');
    expect(foldText('湄公河 Water')).toBe('湄公河 water');
  });
});
