import { z } from 'zod';
import type { FindingCode } from '../model/finding.js';
import { COUNTRY_CODES, FUNDING_KEYS, STATUS_KEYS } from './enums.js';

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

/** Metadata of one column, attached to its zod schema with `.meta()` and read back from there. */
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

const inPeriod = (d: string): boolean => d >= PLAN_PERIOD.from && d <= PLAN_PERIOD.to;
const planDate = () => z.iso.date().refine(inPeriod, { message: 'outside the plan period' });

/** The single executable form of the tracker contract: one normalised row of the activity sheet, with column metadata. */
export const trackerRowSchema = z.object({
  activity_id: z.string().regex(ACTIVITY_ID_PATTERN).meta({
    key: 'activity_id', zh: '活动编号', en: 'Activity ID', aliases: ['编号', 'ID', 'No.'], required: true,
    type: 'id', constraint: 'id-format', description: 'CC-YYYY-NNN: lead country ISO-2 code, year, 3-digit number',
  } satisfies ColumnMeta),
  activity: z.string().min(TEXT_LIMITS.activity.min).max(TEXT_LIMITS.activity.max).meta({
    key: 'activity', zh: '活动名称', en: 'Activity', aliases: ['项目名称', '项目', 'Project', 'Title'], required: true,
    type: 'text', constraint: 'too-long', description: 'Name of the activity, 1–200 characters',
  } satisfies ColumnMeta),
  description: z.string().max(TEXT_LIMITS.description.max).optional().meta({
    key: 'description', zh: '活动说明', en: 'Description', aliases: ['说明', '备注', 'Notes'], required: false,
    type: 'text', constraint: 'too-long', description: 'What the activity does, at most 2,000 characters',
  } satisfies ColumnMeta),
  clause: z.string().optional().meta({
    key: 'clause', zh: '对应条款', en: 'Clause', aliases: ['条款', '条款编号', 'Clause ref', 'Action plan clause'],
    required: true, blankAllowed: true, type: 'clause',
    description: 'Canonical id of the action-plan clause (AP-4.2.12); may be left blank for mapping to fill',
  } satisfies ColumnMeta),
  lead_country: z.enum(COUNTRY_CODES).meta({
    key: 'lead_country', zh: '牵头国家', en: 'Lead country', aliases: ['牵头国', 'Lead'], required: true,
    type: 'country', description: 'Lead country, ISO-2 code',
  } satisfies ColumnMeta),
  partners: z.array(z.enum(COUNTRY_CODES)).optional().meta({
    key: 'partners', zh: '参与国家', en: 'Partner countries', aliases: ['合作国家', 'Partners'], required: false,
    type: 'countries', description: 'Partner countries, ISO-2 codes',
  } satisfies ColumnMeta),
  agency: z.string().optional().meta({
    key: 'agency', zh: '牵头单位', en: 'Lead agency', aliases: ['实施单位', 'Agency', 'Implementing agency'],
    required: false, type: 'text', description: 'Lead or implementing agency',
  } satisfies ColumnMeta),
  start: planDate().meta({
    key: 'start', zh: '开始日期', en: 'Start date', aliases: ['开始时间', 'Start'], required: true, type: 'date',
    constraint: 'out-of-period', description: `Start date (ISO), within ${PLAN_PERIOD.from} … ${PLAN_PERIOD.to}`,
    formatMinimum: PLAN_PERIOD.from, formatMaximum: PLAN_PERIOD.to,
  } satisfies ColumnMeta & Record<string, unknown>),
  end: planDate().meta({
    key: 'end', zh: '结束日期', en: 'End date', aliases: ['结束时间', '完成日期', 'End'], required: true, type: 'date',
    constraint: 'out-of-period', description: `End date (ISO), within ${PLAN_PERIOD.from} … ${PLAN_PERIOD.to}`,
    formatMinimum: PLAN_PERIOD.from, formatMaximum: PLAN_PERIOD.to,
  } satisfies ColumnMeta & Record<string, unknown>),
  status: z.enum(STATUS_KEYS).meta({
    key: 'status', zh: '实施状态', en: 'Status', aliases: ['状态', '进展状态'], required: true, type: 'status',
    description: 'Implementation status',
  } satisfies ColumnMeta),
  progress: z.number().min(0).max(100).optional().meta({
    key: 'progress', zh: '完成进度', en: 'Progress', aliases: ['进度', '% complete'], required: false, type: 'percent',
    constraint: 'range', description: 'Progress in percent points, 0–100',
  } satisfies ColumnMeta),
  budget: z.number().min(0).optional().meta({
    key: 'budget', zh: '预算(美元)', en: 'Budget (USD)', aliases: ['预算', '金额', 'Budget'], required: false,
    type: 'number', constraint: 'range', description: 'Budget in US dollars, 0 or more',
  } satisfies ColumnMeta),
  funding: z.enum(FUNDING_KEYS).optional().meta({
    key: 'funding', zh: '资金来源', en: 'Funding source', aliases: ['资金渠道', 'Funding'], required: false,
    type: 'funding', description: 'Funding source',
  } satisfies ColumnMeta),
});

/** Values of the `check` column: the worst finding of a row. */
export const CHECK_VALUES = ['OK', 'Warning', 'Error'] as const;
/** Result of checking one row. */
export type CheckValue = (typeof CHECK_VALUES)[number];

/** Values of the `assessment` column. */
export const ASSESSMENT_VALUES = [
  'Completed', 'On track', 'Overdue', 'Not started', 'Late start', 'Delayed', 'Cancelled',
] as const;

/** The columns mapping and validation write, appended to the right of the table when missing. */
export const filledRowSchema = z.object({
  clause_title: z.string().optional().meta({
    key: 'clause_title', zh: '条款标题', en: 'Clause title', aliases: [], required: false, type: 'text', filled: true,
    description: "The mapped clause's title, in the workbook's language",
  } satisfies ColumnMeta),
  match_confidence: z.number().min(0).max(1).optional().meta({
    key: 'match_confidence', zh: '匹配置信度', en: 'Match confidence', aliases: [], required: false,
    type: 'confidence', filled: true, description: '0–1, only where mapping chose the clause',
  } satisfies ColumnMeta),
  check: z.enum(CHECK_VALUES).optional().meta({
    key: 'check', zh: '校验结果', en: 'Check', aliases: [], required: false, type: 'check', filled: true,
    description: 'OK, Warning or Error: the worst finding of the row',
  } satisfies ColumnMeta),
  issues: z.string().optional().meta({
    key: 'issues', zh: '校验说明', en: 'Issues', aliases: [], required: false, type: 'text', filled: true,
    description: "The row's findings, one per line, `code: message`",
  } satisfies ColumnMeta),
  assessment: z.enum(ASSESSMENT_VALUES).optional().meta({
    key: 'assessment', zh: '进展评估', en: 'Assessment', aliases: [], required: false, type: 'assessment', filled: true,
    description: 'Progress assessment as of the audit date',
  } satisfies ColumnMeta),
  xref: z.string().optional().meta({
    key: 'xref', zh: '交叉引用', en: 'Cross-references', aliases: [], required: false, type: 'text', filled: true,
    description: 'Related declaration paragraphs and initiative items, e.g. ND-12; ND-13',
  } satisfies ColumnMeta),
});

/** A normalised tracker row (input columns). */
export type TrackerRow = z.infer<typeof trackerRowSchema>;
/** The filled columns of a row. */
export type FilledRow = z.infer<typeof filledRowSchema>;
/** Key of an input column. */
export type InputColumnKey = keyof TrackerRow & string;
/** Key of a filled column. */
export type FilledColumnKey = keyof FilledRow & string;
/** Key of any column of the tracker. */
export type ColumnKey = InputColumnKey | FilledColumnKey;

function metaOf(schema: z.ZodType, key: string): ColumnMeta {
  const meta = schema.meta() as ColumnMeta | undefined;
  if (!meta || meta.key !== key) throw new Error(`column ${key} has no metadata`);
  return { ...meta, aliases: [...meta.aliases] };
}

/** The input columns in template order, with their metadata read from the zod schema. */
export const INPUT_COLUMNS: readonly ColumnMeta[] = Object.entries(trackerRowSchema.shape).map(([k, s]) => metaOf(s, k));
/** The filled columns in template order. */
export const FILLED_COLUMNS: readonly ColumnMeta[] = Object.entries(filledRowSchema.shape).map(([k, s]) => metaOf(s, k));
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

/** The zod schema of one column, for checking a parsed value against the contract's constraints. */
export function columnSchema(key: ColumnKey): z.ZodType {
  return allShapes[key];
}

const allShapes = { ...trackerRowSchema.shape, ...filledRowSchema.shape } as Record<string, z.ZodType>;
