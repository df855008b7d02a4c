import type { CliIo } from './io.js';
import type { CommandName, ParsedArgs } from './args.js';

/** A command takes the parsed arguments and the process I/O and resolves to an exit code. */
export type Command = (args: ParsedArgs, io: CliIo) => Promise<number>;

/** The commands that read spreadsheet files: bin/lmc.js starts their reader process before the rest of the CLI loads. */
export const READS_FILES: ReadonlySet<CommandName> = new Set<CommandName>(['validate', 'fill', 'summary', 'diff']);

/** Loads a command's module on demand, so `lmc clause` does not load the workbook reader. */
export const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  catalog: async () => (await import('./commands/catalog.js')).run,
  clause: async () => (await import('./commands/clause.js')).run,
  schema: async () => (await import('./commands/schema.js')).run,
  template: async () => (await import('./commands/template.js')).run,
  validate: async () => (await import('./commands/validate.js')).run,
  match: async () => (await import('./commands/match.js')).run,
  xref: async () => (await import('./commands/xref.js')).run,
  fill: async () => (await import('./commands/fill.js')).run,
  summary: async () => (await import('./commands/summary.js')).run,
  diff: async () => (await import('./commands/diff.js')).run,
  help: async () => (await import('./commands/help.js')).run,
};
