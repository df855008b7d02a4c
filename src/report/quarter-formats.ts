import type { Lang } from '../model/lang.js';
import type { QuarterDiff } from '../use-cases/diff.js';
import type { QuarterSummary } from '../use-cases/summary.js';
import type { FileResult } from './model.js';
import { renderDiffHtml, renderSummaryHtml } from './quarter-html.js';
import { buildDiffJson, buildSummaryJson } from './quarter-json.js';
import { renderDiffText, renderSummaryText } from './quarter-text.js';
import { renderSummaryXlsx } from './quarter-xlsx.js';

/** What the quarterly report renderers are given besides the summary or diff. */
export interface QuarterContext {
  lang: Lang;
  asOf: string;
  /** The day the report is made, `YYYY-MM-DD`. */
  generated: string;
  color: boolean;
  /** Each file's validation (for per-file counts and findings), when the host has it. */
  results?: readonly FileResult[];
}

/** A quarterly report format: the extensions that select it for `--out`, whether it is a binary file, and its renderer. */
export interface QuarterFormat<T, Out extends string | Uint8Array = string> {
  extensions: readonly string[];
  binary?: boolean;
  render(data: T, ctx: QuarterContext): Out;
}

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** Every format of `lmc summary`; a new one is one renderer module plus one entry here. */
export const SUMMARY_FORMATS = {
  text: { extensions: ['.txt'], render: (s, c) => renderSummaryText(s, { lang: c.lang, color: c.color }) },
  json: { extensions: ['.json'], render: (s) => json(buildSummaryJson(s)) },
  html: { extensions: ['.html', '.htm'], render: (s, c) => renderSummaryHtml(s, { lang: c.lang, generated: c.generated, results: c.results }) },
  xlsx: { extensions: ['.xlsx'], binary: true, render: (s, c) => renderSummaryXlsx(s, c.lang) },
} satisfies Record<string, QuarterFormat<QuarterSummary, string | Uint8Array>>;

/** Every format of `lmc diff`. */
export const DIFF_FORMATS = {
  text: { extensions: ['.txt'], render: (d, c) => renderDiffText(d, { lang: c.lang, color: c.color }) },
  json: { extensions: ['.json'], render: (d) => json(buildDiffJson(d)) },
  html: { extensions: ['.html', '.htm'], render: (d, c) => renderDiffHtml(d, { lang: c.lang, generated: c.generated }) },
} satisfies Record<string, QuarterFormat<QuarterDiff>>;
