import type { Lang } from '../model/lang.js';

/** A candidate clause as the mapping lines name it. */
interface Candidate {
  id: string;
  title: { zh: string; en: string };
}

const TEXT = {
  zh: {
    candidates: (cs: readonly Candidate[]) => `match: 未能可靠确定对应条款，请从候选条款中选择填写：${cs.map((c) => `${c.id} ${c.title.zh}`).join('；')}`,
    noText: 'match: 对应条款为空，且没有活动名称或说明可供匹配。请填写对应条款。',
    noMatch: 'match: 对应条款为空，活动名称和说明与任何条款都不相符。请填写对应条款。',
    otherDocument: (ref: string, cs: readonly Candidate[]) =>
      `match: 活动说明引用的 ${ref} 不是行动计划条款，对应条款须填写行动计划条款${cs.length ? `；与之相关的条款：${cs.map((c) => `${c.id} ${c.title.zh}`).join('；')}` : ''}。`,
  },
  en: {
    candidates: (cs: readonly Candidate[]) =>
      `match: no clause could be chosen with confidence; pick one of the candidates: ${cs.map((c) => `${c.id} ${c.title.en}`).join('; ')}`,
    noText: 'match: the clause is blank and there is no activity name or description to match. Fill in the clause.',
    noMatch: 'match: the clause is blank and the activity name and description match no clause. Fill in the clause.',
    otherDocument: (ref: string, cs: readonly Candidate[]) =>
      `match: the text refers to ${ref}, which is not an action-plan clause; the clause column needs an action-plan clause${cs.length ? `. Related clauses: ${cs.map((c) => `${c.id} ${c.title.en}`).join('; ')}` : ''}.`,
  },
} as const;

/** The `issues` line of a row whose blank clause could not be mapped with confidence, listing the candidates. */
export function candidatesLine(candidates: readonly Candidate[], lang: Lang): string {
  return TEXT[lang].candidates(candidates);
}

/** The `issues` line of a row whose clause is blank and whose activity has no text to match. */
export function noTextLine(lang: Lang): string {
  return TEXT[lang].noText;
}

/** The `issues` line of a row whose clause is blank and whose text matches no clause. */
export function noMatchLine(lang: Lang): string {
  return TEXT[lang].noMatch;
}

/** The `issues` line of a row whose blank clause's text names a Declaration paragraph or Initiative item, with related action-plan clauses. */
export function otherDocumentLine(ref: string, related: readonly Candidate[], lang: Lang): string {
  return TEXT[lang].otherDocument(ref, related);
}
