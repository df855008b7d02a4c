import type { Lang } from '../model/lang.js';
import { htmlReportWriter } from './html.js';
import { jsonReportWriter } from './json.js';
import type { ReportWriter } from './model.js';
import { textReportWriter } from './text.js';

/** What every report renderer is given besides the results. */
export interface ReportContext {
  /** The as-of date of the audit, `YYYY-MM-DD`. */
  asOf: string;
  lang: Lang;
  /** The day the report is made, `YYYY-MM-DD` (shown by formats that print it). */
  generated: string;
  /** Most findings listed per file; exact counts are always kept. */
  maxFindings?: number;
  /** ANSI colours, for formats printed to a terminal. */
  color: boolean;
}

/** A report format: its name, the file extensions that select it for `--out`, and its writer (see ReportWriter). */
export interface ReportFormat {
  name: string;
  extensions: readonly string[];
  start(ctx: ReportContext): ReportWriter;
}

/** Every validation report format; a new format is one renderer module plus one entry here. */
export const REPORT_FORMATS = {
  text: { name: 'text', extensions: ['.txt'], start: (c) => textReportWriter({ lang: c.lang, color: c.color, maxFindings: c.maxFindings }) },
  json: { name: 'json', extensions: ['.json'], start: (c) => jsonReportWriter(c.asOf, c.maxFindings) },
  html: {
    name: 'html',
    extensions: ['.html', '.htm'],
    start: (c) => htmlReportWriter({ lang: c.lang, asOf: c.asOf, generated: c.generated, maxFindings: c.maxFindings }),
  },
} as const satisfies Record<string, ReportFormat>;

/** The name of a validation report format. */
export type ReportFormatName = keyof typeof REPORT_FORMATS;

/** The names of the report formats, for usage messages. */
export const REPORT_FORMAT_NAMES = Object.keys(REPORT_FORMATS) as ReportFormatName[];

/** True when `name` is a report format. */
export function isReportFormat(name: unknown): name is ReportFormatName {
  return typeof name === 'string' && Object.hasOwn(REPORT_FORMATS, name);
}

/** The format a file extension (`.html`) selects, if any. */
export function formatForExtension(ext: string): ReportFormatName | undefined {
  const e = ext.toLowerCase();
  return REPORT_FORMAT_NAMES.find((n) => (REPORT_FORMATS[n].extensions as readonly string[]).includes(e));
}
