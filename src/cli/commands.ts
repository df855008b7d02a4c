import type { CliIo } from './io.js';
import type { CommandName, ParsedArgs } from './args.js';

/** A command takes the parsed arguments and the process I/O and resolves to an exit code. */
export type Command = (args: ParsedArgs, io: CliIo) => Promise<number>;

/**
 * Loads a command that reads files: its reader process is started first, so that process loads its modules while
 * this one loads the command's.
 */
async function withReader(load: () => Promise<{ run: Command }>): Promise<Command> {
  (await import('./read-file.js')).prestartReader();
  return (await load()).run;
}

/** Loads a command's module on demand, so `lmc clause` does not load the workbook reader. */
export const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  catalog: async () => (await import('./commands/catalog.js')).run,
  clause: async () => (await import('./commands/clause.js')).run,
  schema: async () => (await import('./commands/schema.js')).run,
  template: async () => (await import('./commands/template.js')).run,
  validate: () => withReader(() => import('./commands/validate.js')),
  match: async () => (await import('./commands/match.js')).run,
  xref: async () => (await import('./commands/xref.js')).run,
  fill: () => withReader(() => import('./commands/fill.js')),
  summary: () => withReader(() => import('./commands/summary.js')),
  diff: () => withReader(() => import('./commands/diff.js')),
  help: async () => (await import('./commands/help.js')).run,
};
