import type { Lang } from './lang.js';

/** One column to fill: its schema key, the header to write when the column is appended, and the value per sheet row. */
export interface FillColumn {
  /** Schema key of the filled column (`check`, `issues`, `clause_title` …). */
  key: string;
  /** Header text written when the column has to be appended. */
  header: string;
  /** 0-based column of the table that already holds this column (from the located table), if any. */
  col?: number;
  /** Value per 1-based sheet row; an empty string clears the cell. */
  values: Map<number, string | number>;
  /** Clear this column in data rows that have no value in `values` (default true: stale results never survive a re-run). */
  clearOthers?: boolean;
}

/** A note (cell comment) to attach to a cell; several notes on one cell are joined line by line. */
export interface CellNote {
  /** A1 reference. */
  cell: string;
  text: string;
  /** Sheet of the cell; defaults to the plan's sheet. */
  sheet?: string;
}

/** One line of the issues sheet. */
export interface IssueLine {
  sheet?: string | null;
  row: number | null;
  cell: string | null;
  column?: string | null;
  severity: string;
  code: string;
  message: string;
  value?: string | number | boolean | null;
}

/** The sheet listing every finding, each cell reference a link to its cell. */
export interface IssuesSheetPlan {
  /** Sheet name; an existing sheet of that name written by an earlier run is replaced, any other is kept. */
  name: string;
  /** Column headers: row, cell, column, severity, code, message, value. */
  headers: [string, string, string, string, string, string, string];
  lines: IssueLine[];
}

/** What to write into the copy: filled columns, notes and the issues sheet, for the tracker sheet. */
export interface AnnotatePlan {
  sheet: string;
  /** 1-based header row of the tracker table. */
  headerRow: number;
  /** 0-based last column of the table; appended columns go after it (and after any non-empty column to its right). */
  lastCol?: number;
  fills: FillColumn[];
  notes: CellNote[];
  issuesSheet?: IssuesSheetPlan;
  /** Language of the texts the writer adds itself (the note on a truncated cell); default zh. */
  lang?: Lang;
}
