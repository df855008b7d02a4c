import type { FindingCode } from '../model/finding.js';
import { COUNTRY_CODES } from './enums.js';

// The tracker contract's columns as plain data: messages and reports need the names without loading zod, and the
// zod schema (tracker.ts) attaches the same objects as its metadata.

/** The value form a column is read with (one parser each in values.ts). */
export type ValueForm =
  | 'id'
  | 'text'
  | 'clause'
  | 'country'
  | 'countries'
  | 'date'
  | 'status'
  | 'percent'
  | 'number'
  | 'funding'
  | 'confidence'
  | 'check'
  | 'assessment';

/** The finding codes of the contract's value constraints (limits, patterns, bounds, the plan period). */
export type ConstraintCode = Extract<FindingCode, 'too-long' | 'id-format' | 'range' | 'out-of-period'>;

/** Metadata of one column: its names, requiredness and value form (the zod schema in tracker.ts carries it too). */
export interface ColumnMeta {
  key: string;
  zh: string;
  en: string;
  /** Other accepted header spellings. */
  aliases: string[];
  /** True when every data row must hold a value. */
  required: boolean;
  /** True for `clause`: required, but a blank cell is left for mapping to fill and is not reported. */
  blankAllowed?: boolean;
  /** The value form the cell is read with. */
  type: ValueForm;
  /** True for the columns mapping and validation write (never validated as input). */
  filled?: boolean;
  /** The finding code reported when a readable value breaks this column's zod constraints. */
  constraint?: ConstraintCode;
  /** A one-line English description for JSON Schema and the template. */
  description: string;
}

/** The plan period of the action plan: every date must lie within it. */
export const PLAN_PERIOD = { from: '2023-01-01', to: '2027-12-31' } as const;

/** The pattern of an activity id, `CC-YYYY-NNN` with CC one of the six ISO-2 codes. */
export const ACTIVITY_ID_PATTERN = new RegExp(`^(${COUNTRY_CODES.join('|')})-(\\d{4})-(\\d{3})$`);

/** Text limits of the activity name and description (characters). */
export const TEXT_LIMITS = { activity: { min: 1, max: 200 }, description: { max: 2000 } } as const;

/** Values of the `check` column: the worst finding of a row. */
export const CHECK_VALUES = ['OK', 'Warning', 'Error'] as const;
/** Result of checking one row. */
export type CheckValue = (typeof CHECK_VALUES)[number];

/** Values of the `assessment` column. */
export const ASSESSMENT_VALUES = [
  'Completed', 'On track', 'Overdue', 'Not started', 'Late start', 'Delayed', 'Cancelled',
] as const;

type Meta = ColumnMeta & Record<string, unknown>;

/** Column metadata keyed by column: each entry gets its key from its place, so the two cannot disagree. */
function keyed<K extends string>(meta: Record<K, Omit<ColumnMeta, 'key'> & Record<string, unknown>>): Record<K, Meta> {
  return Object.fromEntries(Object.entries<Omit<ColumnMeta, 'key'>>(meta).map(([key, m]) => [key, { key, ...m }])) as Record<K, Meta>;
}

/** Metadata of the input columns, in template order. */
export const INPUT_META = keyed({
  activity_id: {
    zh: '活动编号', en: 'Activity ID', aliases: ['编号', 'ID', 'No.'], required: true,
    type: 'id', constraint: 'id-format', description: 'CC-YYYY-NNN: lead country ISO-2 code, year, 3-digit number',
  },
  activity: {
    zh: '活动名称', en: 'Activity', aliases: ['项目名称', '项目', 'Project', 'Title'], required: true,
    type: 'text', constraint: 'too-long', description: 'Name of the activity, 1–200 characters',
  },
  description: {
    zh: '活动说明', en: 'Description', aliases: ['说明', '备注', 'Notes'], required: false,
    type: 'text', constraint: 'too-long', description: 'What the activity does, at most 2,000 characters',
  },
  clause: {
    zh: '对应条款', en: 'Clause', aliases: ['条款', '条款编号', 'Clause ref', 'Action plan clause'],
    required: true, blankAllowed: true, type: 'clause',
    description: 'Canonical id of the action-plan clause (AP-4.2.12); may be left blank for mapping to fill',
  },
  lead_country: {
    zh: '牵头国家', en: 'Lead country', aliases: ['牵头国', 'Lead'], required: true,
    type: 'country', description: 'Lead country, ISO-2 code',
  },
  partners: {
    zh: '参与国家', en: 'Partner countries', aliases: ['合作国家', 'Partners'], required: false,
    type: 'countries', description: 'Partner countries, ISO-2 codes',
  },
  agency: {
    zh: '牵头单位', en: 'Lead agency', aliases: ['实施单位', 'Agency', 'Implementing agency'],
    required: false, type: 'text', description: 'Lead or implementing agency',
  },
  start: {
    zh: '开始日期', en: 'Start date', aliases: ['开始时间', 'Start'], required: true, type: 'date',
    constraint: 'out-of-period', description: `Start date (ISO), within ${PLAN_PERIOD.from} … ${PLAN_PERIOD.to}`,
    formatMinimum: PLAN_PERIOD.from, formatMaximum: PLAN_PERIOD.to,
  },
  end: {
    zh: '结束日期', en: 'End date', aliases: ['结束时间', '完成日期', 'End'], required: true, type: 'date',
    constraint: 'out-of-period', description: `End date (ISO), within ${PLAN_PERIOD.from} … ${PLAN_PERIOD.to}`,
    formatMinimum: PLAN_PERIOD.from, formatMaximum: PLAN_PERIOD.to,
  },
  status: {
    zh: '实施状态', en: 'Status', aliases: ['状态', '进展状态'], required: true, type: 'status',
    description: 'Implementation status',
  },
  progress: {
    zh: '完成进度', en: 'Progress', aliases: ['进度', '% complete'], required: false, type: 'percent',
    constraint: 'range', description: 'Progress in percent points, 0–100',
  },
  budget: {
    zh: '预算(美元)', en: 'Budget (USD)', aliases: ['预算', '金额', 'Budget'], required: false,
    type: 'number', constraint: 'range', description: 'Budget in US dollars, 0 or more',
  },
  funding: {
    zh: '资金来源', en: 'Funding source', aliases: ['资金渠道', 'Funding'], required: false,
    type: 'funding', description: 'Funding source',
  },
});

/** Metadata of the filled columns, in template order. */
export const FILLED_META = keyed({
  clause_title: {
    zh: '条款标题', en: 'Clause title', aliases: [], required: false, type: 'text', filled: true,
    description: "The mapped clause's title, in the workbook's language",
  },
  match_confidence: {
    zh: '匹配置信度', en: 'Match confidence', aliases: [], required: false,
    type: 'confidence', filled: true, description: '0–1, only where mapping chose the clause',
  },
  check: {
    zh: '校验结果', en: 'Check', aliases: [], required: false, type: 'check', filled: true,
    description: 'OK, Warning or Error: the worst finding of the row',
  },
  issues: {
    zh: '校验说明', en: 'Issues', aliases: [], required: false, type: 'text', filled: true,
    description: "The row's findings, one per line, `code: message`",
  },
  assessment: {
    zh: '进展评估', en: 'Assessment', aliases: [], required: false, type: 'assessment', filled: true,
    description: 'Progress assessment as of the audit date',
  },
  xref: {
    zh: '交叉引用', en: 'Cross-references', aliases: [], required: false, type: 'text', filled: true,
    description: 'Related declaration paragraphs and initiative items, e.g. ND-12; ND-13',
  },
});

/** Key of an input column. */
export type InputColumnKey = keyof typeof INPUT_META;
/** Key of a filled column. */
export type FilledColumnKey = keyof typeof FILLED_META;
/** Key of any column of the tracker. */
export type ColumnKey = InputColumnKey | FilledColumnKey;

/** The input columns in template order. */
export const INPUT_COLUMNS: readonly ColumnMeta[] = Object.values(INPUT_META);
/** The filled columns in template order. */
export const FILLED_COLUMNS: readonly ColumnMeta[] = Object.values(FILLED_META);
/** Every column: input columns, then filled columns. */
export const COLUMNS: readonly ColumnMeta[] = [...INPUT_COLUMNS, ...FILLED_COLUMNS];

const byKey = new Map<string, ColumnMeta>(COLUMNS.map((c) => [c.key, c]));

/** Metadata of a column by key. */
export function columnMeta(key: ColumnKey): ColumnMeta {
  return byKey.get(key)!;
}

/** True when the key names a column of the tracker. */
export function isColumnKey(key: string): key is ColumnKey {
  return byKey.has(key);
}

/** True when the key names a filled (output) column. */
export function isFilledColumn(key: string): key is FilledColumnKey {
  return byKey.get(key)?.filled === true;
}
