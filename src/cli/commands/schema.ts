import * as path from 'node:path';
import { UsageError } from '../args.js';
import type { Command } from '../commands.js';
import { describeFsError, writeFileAtomic } from '../fs-out.js';
import { EXIT } from '../io.js';
import { trackerJsonSchema } from '../../schema/json-schema.js';

/** `lmc schema [-o file]`: prints the JSON Schema of a tracker row, or writes it (atomically) to a file. */
export const run: Command = async (args, io) => {
  if (args.positionals.length > 0) throw new UsageError(`schema takes no arguments; use -o ${args.positionals[0]}`);
  const text = `${JSON.stringify(trackerJsonSchema(), null, 2)}\n`;
  if (typeof args.options.out !== 'string') {
    io.out(text);
    return EXIT.ok;
  }
  const target = path.resolve(io.cwd, args.options.out);
  try {
    await writeFileAtomic(target, text);
  } catch (err) {
    io.err(`lmc schema: cannot write ${describeFsError(err, target)}\n`);
    return EXIT.usage;
  }
  io.out(`${target}\n`);
  return EXIT.ok;
};
