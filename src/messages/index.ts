import type { Finding, FindingCode } from '../model/finding.js';
import type { Bilingual, Lang } from '../model/lang.js';
import { en } from './en.js';
import type { MessageMap } from './format.js';
import { zh } from './zh.js';

const maps: Record<Lang, MessageMap> = { zh, en };

/** The text of a finding in one language; a code without a renderer still yields a readable line. */
export function renderMessage(f: Finding, lang: Lang): string {
  return render(maps[lang], f);
}

function render<C extends FindingCode>(map: MessageMap, f: Finding<C>): string {
  const fn: MessageMap[C] | undefined = map[f.code];
  if (fn) return fn(f);
  return `${f.code}${f.cell ? ` (${f.cell})` : ''}`;
}

/** The text of a finding in both languages. */
export function messagesOf(f: Finding): Bilingual {
  return { zh: renderMessage(f, 'zh'), en: renderMessage(f, 'en') };
}

/** One line of the spec's `issues` column (and of a cell note): `code: message`. */
export function issueText(f: Finding, lang: Lang): string {
  return `${f.code}: ${renderMessage(f, lang)}`;
}
