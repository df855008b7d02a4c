import { editDistance, normaliseHeader } from './normalize.js';

/** One accepted value of an enumeration: its stored key, display names and every other accepted spelling. */
export interface EnumOption<K extends string> {
  key: K;
  zh: string;
  en: string;
  aliases: readonly string[];
}

/** ISO-2 codes of the six Lancang–Mekong countries, the stored form of a country. */
export const COUNTRY_CODES = ['KH', 'CN', 'LA', 'MM', 'TH', 'VN'] as const;
/** A country, stored as its ISO-2 code. */
export type CountryCode = (typeof COUNTRY_CODES)[number];

/** The six countries with their Chinese, English and ISO forms. */
export const COUNTRIES: readonly EnumOption<CountryCode>[] = [
  { key: 'KH', zh: '柬埔寨', en: 'Cambodia', aliases: ['KH', 'KHM'] },
  { key: 'CN', zh: '中国', en: 'China', aliases: ['中华人民共和国', 'CN', 'CHN'] },
  { key: 'LA', zh: '老挝', en: 'Laos', aliases: ['Lao PDR', 'LA', 'LAO'] },
  { key: 'MM', zh: '缅甸', en: 'Myanmar', aliases: ['Burma', 'MM', 'MMR'] },
  { key: 'TH', zh: '泰国', en: 'Thailand', aliases: ['TH', 'THA'] },
  { key: 'VN', zh: '越南', en: 'Viet Nam', aliases: ['Vietnam', 'VN', 'VNM'] },
];

/** Stored keys of the implementation statuses. */
export const STATUS_KEYS = ['not_started', 'in_progress', 'completed', 'delayed', 'cancelled'] as const;
/** An implementation status, stored as its key. */
export type StatusKey = (typeof STATUS_KEYS)[number];

/** The implementation statuses with their Chinese and English names and aliases. */
export const STATUSES: readonly EnumOption<StatusKey>[] = [
  { key: 'not_started', zh: '未启动', en: 'Not started', aliases: [] },
  { key: 'in_progress', zh: '进行中', en: 'In progress', aliases: ['Ongoing'] },
  { key: 'completed', zh: '已完成', en: 'Completed', aliases: ['Done'] },
  { key: 'delayed', zh: '延期', en: 'Delayed', aliases: ['Postponed'] },
  { key: 'cancelled', zh: '已取消', en: 'Cancelled', aliases: ['Canceled'] },
];

/** Stored keys of the funding sources. */
export const FUNDING_KEYS = ['special_fund', 'development_loan', 'national_budget', 'other'] as const;
/** A funding source, stored as its key. */
export type FundingKey = (typeof FUNDING_KEYS)[number];

/** The funding sources with their Chinese and English names. */
export const FUNDING_SOURCES: readonly EnumOption<FundingKey>[] = [
  { key: 'special_fund', zh: '澜湄合作专项基金', en: 'LMC Special Fund', aliases: [] },
  { key: 'development_loan', zh: '澜湄合作共同发展专项贷款', en: 'LMC Common Development Loan', aliases: [] },
  { key: 'national_budget', zh: '国家预算', en: 'National budget', aliases: [] },
  { key: 'other', zh: '其他', en: 'Other', aliases: [] },
];

/** What an enumeration lookup found: the key, or the nearest accepted value when there is a plausible one. */
export type EnumLookup<K extends string> = { ok: true; key: K } | { ok: false; nearest: EnumOption<K> | null };

/** Looks a text up among the options' zh, en and alias forms, case-, width- and space-insensitively. */
export function lookupEnum<K extends string>(options: readonly EnumOption<K>[], text: string): EnumLookup<K> {
  let memo = lookupMemo.get(options) as Map<string, EnumLookup<K>> | undefined;
  if (!memo) {
    memo = new Map();
    lookupMemo.set(options, memo as Map<string, EnumLookup<string>>);
  }
  let r = memo.get(text);
  if (r === undefined) {
    r = lookupUncached(options, text);
    if (memo.size >= LOOKUP_MEMO_MAX) memo.clear();
    memo.set(text, r);
  }
  return r;
}

// A column of countries or statuses repeats a handful of spellings over every row; each distinct text is looked up
// once. Bounded, so a sheet of unique texts cannot grow it without limit.
const LOOKUP_MEMO_MAX = 4096;
const lookupMemo = new WeakMap<readonly EnumOption<string>[], Map<string, EnumLookup<string>>>();

function lookupUncached<K extends string>(options: readonly EnumOption<K>[], text: string): EnumLookup<K> {
  const needle = normaliseHeader(text);
  const exact = formsOf(options).get(needle);
  if (exact) return { ok: true, key: exact.key };
  // A shortened or lengthened name (专项基金, "Special Fund", 泰国政府) points at the one option it is part of.
  if (needle.length >= 2) {
    const within = new Set<EnumOption<K>>();
    for (const [form, opt] of formsOf(options)) if (form.length >= 2 && (form.includes(needle) || needle.includes(form))) within.add(opt);
    if (within.size === 1) return { ok: false, nearest: [...within][0] };
  }
  let best: { opt: EnumOption<K>; d: number } | null = null;
  for (const [form, opt] of formsOf(options)) {
    const d = editDistance(needle, form);
    if (!best || d < best.d) best = { opt, d };
  }
  // A proposal is only useful when it is close: at most a third of the typed text may differ (at least 1 character).
  const limit = Math.max(1, Math.floor(needle.length / 3));
  return { ok: false, nearest: best && best.d <= limit ? best.opt : null };
}

const formCache = new WeakMap<readonly EnumOption<string>[], Map<string, EnumOption<string>>>();

function formsOf<K extends string>(options: readonly EnumOption<K>[]): Map<string, EnumOption<K>> {
  let m = formCache.get(options);
  if (!m) {
    m = new Map();
    for (const opt of options) for (const form of [opt.zh, opt.en, ...opt.aliases]) m.set(normaliseHeader(form), opt);
    formCache.set(options, m);
  }
  return m as Map<string, EnumOption<K>>;
}

/** Display form of an option for messages: `中文 / English`. */
export function optionLabel(opt: EnumOption<string>): string {
  return `${opt.zh} / ${opt.en}`;
}
