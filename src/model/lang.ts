/** A language of the product: Chinese or English. */
export type Lang = 'zh' | 'en';

/** A text in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}
