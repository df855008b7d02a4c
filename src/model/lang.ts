/** A language of the product: Chinese or English. */
export type Lang = 'zh' | 'en';

/** Every language, Chinese first. */
export const LANGS: readonly Lang[] = ['zh', 'en'];

/** A text in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** True for `zh` and `en`. */
export function isLang(v: unknown): v is Lang {
  return v === 'zh' || v === 'en';
}
