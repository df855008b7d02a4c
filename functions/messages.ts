/** Texts of the errors the LMC worksheet functions show, in Chinese and English (one string shows both). */
export const FN_TEXT = {
  notText: (fn: string, arg: string, got: { zh: string; en: string }) => ({
    zh: `${fn}:参数 ${arg} 应为文本或数字,收到的是${got.zh}`,
    en: `${fn}: argument ${arg} must be text or a number, not ${got.en}`,
  }),
  empty: (fn: string, arg: string) => ({
    zh: `${fn}:参数 ${arg} 为空`,
    en: `${fn}: argument ${arg} is empty`,
  }),
  lang: (fn: string, got: string) => ({
    zh: `${fn}:lang 应为 "zh" 或 "en",而不是 "${got}"`,
    en: `${fn}: lang must be "zh" or "en", not "${got}"`,
  }),
  top: (fn: string, got: { zh: string; en: string }, max: number) => ({
    zh: `${fn}:top 应为 1 到 ${max} 的整数,而不是 ${got.zh}`,
    en: `${fn}: top must be a whole number from 1 to ${max}, not ${got.en}`,
  }),
  noMatch: (fn: string, text: string) => ({
    zh: `${fn}:没有与“${text}”相符的条款`,
    en: `${fn}: no clause matches "${text}"`,
  }),
  noText: (fn: string, id: string) => ({
    zh: `${fn}:${id} 是章节标题,没有自己的正文;请引用其下的条款`,
    en: `${fn}: ${id} is a section heading without text of its own; refer to one of its clauses`,
  }),
  noXref: (fn: string, id: string) => ({
    zh: `${fn}:${id} 在另外两份文件中没有相关条款`,
    en: `${fn}: ${id} has no related clauses in the other two texts`,
  }),
  badValue: (fn: string, arg: string, value: string, expected: { zh: string; en: string }) => ({
    zh: `${fn}:参数 ${arg} 的值“${value}”无法识别,应为${expected.zh}`,
    en: `${fn}: argument ${arg} "${value}" cannot be read; expected ${expected.en}`,
  }),
  shape: (fn: string, arg: string) => ({
    zh: `${fn}:参数 ${arg} 应为单行(或单列)区域`,
    en: `${fn}: argument ${arg} must be a single row (or column) range`,
  }),
  lengths: (fn: string, row: number, headers: number) => ({
    zh: `${fn}:row 有 ${row} 个单元格,headers 有 ${headers} 个,两者应一样多`,
    en: `${fn}: row has ${row} cells and headers ${headers}; they must be the same size`,
  }),
  nothingToAssess: (fn: string) => ({
    zh: `${fn}:状态和进度都为空,无法评估`,
    en: `${fn}: status and progress are both empty; nothing to assess`,
  }),
  internal: (fn: string) => ({
    zh: `${fn}:无法根据这些参数得出结果,请检查参数`,
    en: `${fn}: could not compute a result from these arguments; check them`,
  }),
} as const;

/** What a date, status or percent argument should look like. */
export const EXPECTED = {
  date: { zh: '日期(Excel 日期、序列号或 2024-03-15 等形式)', en: 'a date (an Excel date or serial, or text such as 2024-03-15)' },
  status: { zh: '实施状态(未启动、进行中、已完成、延期、已取消)', en: 'a status (Not started, In progress, Completed, Delayed, Cancelled)' },
  percent: { zh: '0–100 的进度(0.4、40 或 40%)', en: 'a progress from 0 to 100 (0.4, 40 or 40%)' },
} as const;

/** Joins the Chinese and the English text of one message. */
export function bilingual(m: { zh: string; en: string }): string {
  return `${m.zh} | ${m.en}`;
}
