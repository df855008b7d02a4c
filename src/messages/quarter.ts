import type { Lang } from '../model/lang.js';
import type { Change, ChangeKind } from '../model/quarter.js';
import { countryName, num, statusName } from './format.js';

function value(c: Change, v: Change['before'], lang: Lang): string {
  if (v === null) return lang === 'zh' ? '（空）' : '(blank)';
  switch (c.kind) {
    case 'status-regressed':
    case 'status-changed':
      return statusName(v, lang);
    case 'lead-changed':
      return countryName(v, lang);
    case 'progress-decreased':
      return `${num(v)}%`;
    case 'budget-changed':
      return `${num(v)} USD`;
    default:
      return String(v);
  }
}

const CHANGE: Record<Lang, Record<ChangeKind, (c: Change, b: string, a: string) => string>> = {
  zh: {
    added: () => '本期新增的活动。',
    removed: () => '上期有、本期未报送的活动。请确认是否遗漏或已撤销。',
    'status-regressed': (_c, b, a) => `实施状态由“${b}”退回为“${a}”。`,
    'status-changed': (_c, b, a) => `实施状态由“${b}”变为“${a}”。`,
    'progress-decreased': (_c, b, a) => `完成进度由 ${b} 降至 ${a}。`,
    'end-postponed': (c, b, a) => `结束日期由 ${b} 推迟到 ${a}（推迟 ${c.days} 天）。`,
    'end-advanced': (c, b, a) => `结束日期由 ${b} 提前到 ${a}（提前 ${-(c.days ?? 0)} 天）。`,
    'start-postponed': (c, b, a) => `开始日期由 ${b} 推迟到 ${a}（推迟 ${c.days} 天）。`,
    'start-advanced': (c, b, a) => `开始日期由 ${b} 提前到 ${a}（提前 ${-(c.days ?? 0)} 天）。`,
    'clause-changed': (_c, b, a) => `对应条款由 ${b} 改为 ${a}。`,
    'lead-changed': (_c, b, a) => `牵头国家由${b}改为${a}。`,
    'budget-changed': (_c, b, a) => `预算由 ${b} 改为 ${a}。`,
  },
  en: {
    added: () => 'New this quarter.',
    removed: () => 'Reported last quarter but not this one. Check whether it was left out or dropped.',
    'status-regressed': (_c, b, a) => `Status went back from ${b} to ${a}.`,
    'status-changed': (_c, b, a) => `Status changed from ${b} to ${a}.`,
    'progress-decreased': (_c, b, a) => `Progress went down from ${b} to ${a}.`,
    'end-postponed': (c, b, a) => `End date postponed from ${b} to ${a} (${c.days} ${c.days === 1 ? 'day' : 'days'} later).`,
    'end-advanced': (c, b, a) => `End date brought forward from ${b} to ${a} (${-(c.days ?? 0)} ${c.days === -1 ? 'day' : 'days'} earlier).`,
    'start-postponed': (c, b, a) => `Start date postponed from ${b} to ${a} (${c.days} ${c.days === 1 ? 'day' : 'days'} later).`,
    'start-advanced': (c, b, a) => `Start date brought forward from ${b} to ${a} (${-(c.days ?? 0)} ${c.days === -1 ? 'day' : 'days'} earlier).`,
    'clause-changed': (_c, b, a) => `Clause changed from ${b} to ${a}.`,
    'lead-changed': (_c, b, a) => `Lead country changed from ${b} to ${a}.`,
    'budget-changed': (_c, b, a) => `Budget changed from ${b} to ${a}.`,
  },
};

/** The message of a change between quarters in one language. */
export function changeMessage(c: Change, lang: Lang): string {
  return CHANGE[lang][c.kind](c, value(c, c.before, lang), value(c, c.after, lang));
}

/** The display name of a change kind. */
export const CHANGE_NAMES: Record<ChangeKind, Record<Lang, string>> = {
  added: { zh: '新增', en: 'Added' },
  removed: { zh: '未再报送', en: 'Removed' },
  'status-regressed': { zh: '状态倒退', en: 'Status regressed' },
  'status-changed': { zh: '状态变化', en: 'Status changed' },
  'progress-decreased': { zh: '进度下降', en: 'Progress decreased' },
  'end-postponed': { zh: '结束推迟', en: 'End postponed' },
  'end-advanced': { zh: '结束提前', en: 'End brought forward' },
  'start-postponed': { zh: '开始推迟', en: 'Start postponed' },
  'start-advanced': { zh: '开始提前', en: 'Start brought forward' },
  'clause-changed': { zh: '条款变更', en: 'Clause changed' },
  'lead-changed': { zh: '牵头国变更', en: 'Lead changed' },
  'budget-changed': { zh: '预算变更', en: 'Budget changed' },
};
