import type { Lang } from '../model/lang.js';
import type { RefResult } from '../catalog/ref.js';

type Failure = Extract<RefResult, { ok: false }>;

const TEXT = {
  en: {
    malformed: (f: Failure) => `'${f.input}' is not a clause reference (use e.g. 4.2.12, ND-12, IC-3)`,
    unknown: (f: Failure) => `'${f.input}' names no clause (${f.id} does not exist)`,
    heading: (f: Failure) => `'${f.input}' is a section heading (${f.id}), not a clause with text of its own`,
    'wrong-doc': (f: Failure) => `'${f.input}' is ${f.id}; an action-plan clause (AP-…) is needed here`,
    nearest: 'nearest',
  },
  zh: {
    malformed: (f: Failure) => `“${f.input}”不是条款编号(示例:4.2.12、ND-12、IC-3)`,
    unknown: (f: Failure) => `“${f.input}”不对应任何条款(不存在 ${f.id})`,
    heading: (f: Failure) => `“${f.input}”是章节标题(${f.id}),不是有正文的条款`,
    'wrong-doc': (f: Failure) => `“${f.input}”是 ${f.id};此处需要行动计划条款(AP-…)`,
    nearest: '最接近的条款',
  },
} as const;

/** One line explaining why a clause reference failed, with the nearest valid ids, in Chinese or English. */
export function describeRefFailure(f: Failure, lang: Lang): string {
  const t = TEXT[lang];
  const main = t[f.reason](f);
  if (f.suggestions.length === 0) return main;
  return `${main}; ${t.nearest}: ${f.suggestions.join(', ')}`;
}
