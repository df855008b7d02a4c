import type { Lang } from '../model/lang.js';
import { INPUT_COLUMNS } from './columns.js';

/** Sheet names of the blank template in each language. */
export const TEMPLATE_SHEETS = {
  zh: { activities: '活动清单', clauses: '条款', lists: '值列表', instructions: '填写说明' },
  en: { activities: 'Activities', clauses: 'Clauses', lists: 'Lists', instructions: 'Instructions' },
} as const;

/** The header row of the template: the input columns in spec order, named in the language. */
export function templateHeaders(lang: Lang): string[] {
  return INPUT_COLUMNS.map((c) => c[lang]);
}
