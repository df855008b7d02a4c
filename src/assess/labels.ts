import type { Lang } from '../model/lang.js';
import type { Assessment } from './assess.js';

/** Display names of the assessments in Chinese and English. */
export const ASSESSMENT_LABELS: Record<Assessment, { zh: string; en: string }> = {
  Completed: { zh: '已完成', en: 'Completed' },
  'On track': { zh: '正常推进', en: 'On track' },
  Overdue: { zh: '逾期', en: 'Overdue' },
  'Not started': { zh: '未启动', en: 'Not started' },
  'Late start': { zh: '延迟启动', en: 'Late start' },
  Delayed: { zh: '延期', en: 'Delayed' },
  Cancelled: { zh: '已取消', en: 'Cancelled' },
};

/** The assessment's name in the given language. */
export function assessmentLabel(a: Assessment, lang: Lang): string {
  return ASSESSMENT_LABELS[a][lang];
}
