/** What a benchmark section gets: a scratch folder (removed afterwards) and a logger for progress lines. */
export interface BenchContext {
  tmpDir: string;
  log(message: string): void;
}

/** A section's outcome: table rows to print, notes under the table, and whether its goal was met. */
export interface BenchResult {
  rows: Record<string, string | number>[];
  notes?: string[];
  /** False when the section's budget or goal was missed (the run exits 1). */
  ok?: boolean;
}

/** One benchmark section of `npm run bench`. */
export interface BenchSection {
  /** Short name, usable as `npm run bench -- <name>`. */
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}
