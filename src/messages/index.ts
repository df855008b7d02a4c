import type { Finding, FindingCode } from '../model/finding.js';
import { en } from './en.js';
import type { MessageMap } from './format.js';
import type { Lang } from '../model/lang.js';
import { zh } from './zh.js';

export type { MessageFn, MessageMap } from './format.js';
export type { Lang } from '../model/lang.js';
export { columnName } from './format.js';

const maps: Record<Lang, MessageMap> = { zh, en };
let locale: Lang = 'zh';

/** Sets the language `renderMessage` uses when none is given (the hosts set it from `--lang` or Office's UI language). */
export function setLocale(lang: Lang): void {
  locale = lang;
}

/** The language `renderMessage` uses when none is given. */
export function getLocale(): Lang {
  return locale;
}

/** Replaces the messages of one language (in whole or in part), e.g. for reviewed wording; returns the previous map. */
export function setMessages(lang: Lang, messages: Partial<MessageMap>): MessageMap {
  const previous = maps[lang];
  maps[lang] = { ...previous, ...messages };
  return previous;
}

/** The message map in use for a language. */
export function getMessages(lang: Lang): MessageMap {
  return maps[lang];
}

/** The text of a finding in one language (default: the current locale); a code without a renderer still yields a readable line. */
export function renderMessage(f: Finding, lang: Lang = locale): string {
  return render(maps[lang], f);
}

function render<C extends FindingCode>(map: MessageMap, f: Finding<C>): string {
  const fn: MessageMap[C] | undefined = map[f.code];
  if (fn) return fn(f);
  return `${f.code}${f.cell ? ` (${f.cell})` : ''}`;
}

/** A finding with its message in both languages. */
export type FindingWithMessage = Finding & { message: { zh: string; en: string } };

/** One line of the spec's `issues` column (and of a cell note): `code: message`. */
export function issueText(f: Finding, lang: Lang = locale): string {
  return `${f.code}: ${renderMessage(f, lang)}`;
}

/** Adds the zh and en messages to a finding. */
export function withMessages(f: Finding): FindingWithMessage {
  return { ...f, message: { zh: renderMessage(f, 'zh'), en: renderMessage(f, 'en') } };
}
