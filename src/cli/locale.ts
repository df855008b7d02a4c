import type { Lang } from '../model/lang.js';

/**
 * The language of messages from the environment: `LMC_LANG` (zh or en) first, then the POSIX locale (`LC_ALL`,
 * then `LC_MESSAGES`, then `LANG`): a Chinese locale gives zh, any other gives en. With no locale at all, or only
 * the C/POSIX locale, the tracker's own language, Chinese.
 */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  const forced = env.LMC_LANG?.trim().toLowerCase();
  if (forced === 'zh' || forced === 'en') return forced;
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v.trim() !== '')?.trim();
  if (locale === undefined || /^(?:C|POSIX)(?:[.@]|$)/i.test(locale)) return 'zh';
  return /^zh(?:[_.@-]|$)/i.test(locale) ? 'zh' : 'en';
}
