import { z } from 'zod';
import {
  ASSESSMENT_VALUES, ACTIVITY_ID_PATTERN, CHECK_VALUES, FILLED_META, INPUT_META, PLAN_PERIOD, TEXT_LIMITS,
  type ColumnKey, type FilledColumnKey, type InputColumnKey,
} from './columns.js';
import { COUNTRY_CODES, FUNDING_KEYS, STATUS_KEYS } from './enums.js';

const inPeriod = (d: string): boolean => d >= PLAN_PERIOD.from && d <= PLAN_PERIOD.to;
const planDate = () => z.iso.date().refine(inPeriod, { message: 'outside the plan period' });

/** The single executable form of the tracker contract: one normalised row of the activity sheet, with column metadata. */
export const trackerRowSchema = z.object({
  // Keyed as the column table is: a column missing here, or one the table lacks, fails the type check.
  activity_id: z.string().regex(ACTIVITY_ID_PATTERN).meta(INPUT_META.activity_id),
  activity: z.string().min(TEXT_LIMITS.activity.min).max(TEXT_LIMITS.activity.max).meta(INPUT_META.activity),
  description: z.string().max(TEXT_LIMITS.description.max).optional().meta(INPUT_META.description),
  clause: z.string().optional().meta(INPUT_META.clause),
  lead_country: z.enum(COUNTRY_CODES).meta(INPUT_META.lead_country),
  partners: z.array(z.enum(COUNTRY_CODES)).optional().meta(INPUT_META.partners),
  agency: z.string().optional().meta(INPUT_META.agency),
  start: planDate().meta(INPUT_META.start),
  end: planDate().meta(INPUT_META.end),
  status: z.enum(STATUS_KEYS).meta(INPUT_META.status),
  progress: z.number().min(0).max(100).optional().meta(INPUT_META.progress),
  budget: z.number().min(0).optional().meta(INPUT_META.budget),
  funding: z.enum(FUNDING_KEYS).optional().meta(INPUT_META.funding),
} satisfies Record<InputColumnKey, z.ZodType>);

/** The columns mapping and validation write, appended to the right of the table when missing. */
export const filledRowSchema = z.object({
  clause_title: z.string().optional().meta(FILLED_META.clause_title),
  match_confidence: z.number().min(0).max(1).optional().meta(FILLED_META.match_confidence),
  check: z.enum(CHECK_VALUES).optional().meta(FILLED_META.check),
  issues: z.string().optional().meta(FILLED_META.issues),
  assessment: z.enum(ASSESSMENT_VALUES).optional().meta(FILLED_META.assessment),
  xref: z.string().optional().meta(FILLED_META.xref),
} satisfies Record<FilledColumnKey, z.ZodType>);

/** A normalised tracker row (input columns). */
export type TrackerRow = z.infer<typeof trackerRowSchema>;

const allShapes: Record<ColumnKey, z.ZodType> = { ...trackerRowSchema.shape, ...filledRowSchema.shape };

/** The zod schema of one column, for checking a parsed value against the contract's constraints. */
export function columnSchema(key: ColumnKey): z.ZodType {
  return allShapes[key];
}
