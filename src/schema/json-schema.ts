import { z } from 'zod';
import { PLAN_PERIOD, type ColumnMeta } from './columns.js';
import { filledRowSchema, trackerRowSchema } from './tracker.js';

type JsonMeta = Record<string, unknown>;

function jsonMetaOf(meta: ColumnMeta & Record<string, unknown>): JsonMeta {
  const out: JsonMeta = {
    title: meta.en,
    description: meta.description,
    'x-key': meta.key,
    'x-zh': meta.zh,
    'x-aliases': meta.aliases,
    'x-required': meta.required,
    'x-form': meta.type,
  };
  if (meta.blankAllowed) out['x-blank-allowed'] = true;
  if (meta.filled) out['x-filled'] = true;
  if (meta.constraint) out['x-finding'] = meta.constraint;
  if (meta.formatMinimum) out.formatMinimum = meta.formatMinimum;
  if (meta.formatMaximum) out.formatMaximum = meta.formatMaximum;
  return out;
}

/** JSON Schema (draft 2020-12) of a normalised tracker row with its filled columns, generated from the zod schema. */
export function trackerJsonSchema(): Record<string, unknown> {
  // The column metadata uses keys (`type`, `required`) that mean something else in JSON Schema, so the
  // generator gets a registry of JSON-Schema-safe copies instead of zod's global one.
  const registry = z.registry<JsonMeta>();
  const full = trackerRowSchema.extend(filledRowSchema.shape);
  for (const s of Object.values(full.shape)) {
    const meta = (s as z.ZodType).meta() as (ColumnMeta & Record<string, unknown>) | undefined;
    if (meta) registry.add(s as z.ZodType, jsonMetaOf(meta));
  }
  registry.add(full, {
    title: 'LMC activity tracker row',
    description:
      `One normalised row of an activity tracker sheet (活动清单 / Activities). Dates are ISO dates within ` +
      `${PLAN_PERIOD.from} … ${PLAN_PERIOD.to}; countries are ISO-2 codes; progress is in percent points.`,
  });
  const schema = z.toJSONSchema(full, { metadata: registry, target: 'draft-2020-12' }) as Record<string, unknown>;
  return schema;
}
