import * as path from 'node:path';
import { langOption, UsageError } from '../args.js';
import type { Command } from '../commands.js';
import { describeFsError, pathExists, writeFileAtomic } from '../fs-out.js';
import { EXIT } from '../io.js';
import { buildTemplate } from '../../file-formats/template.js';

/** Default file name of `lmc template`. */
export const DEFAULT_TEMPLATE_NAME = 'tracker-template.xlsx';

/** `lmc template [-o file] [--lang zh|en]`: writes the blank tracker workbook; never overwrites an existing file. */
export const run: Command = async (args, io) => {
  if (args.positionals.length > 0) {
    throw new UsageError(`template takes no file arguments; use -o ${args.positionals[0]}`);
  }
  const lang = langOption(args.options.lang, io.lang);
  const target = path.resolve(io.cwd, typeof args.options.out === 'string' ? args.options.out : DEFAULT_TEMPLATE_NAME);
  if (!/\.xlsx$/i.test(target)) throw new UsageError(`-o ${target}: the template is an .xlsx workbook; name the file *.xlsx`);
  if (await pathExists(target)) {
    // A template that exists may already hold someone's activities; it is never replaced.
    throw new UsageError(`${target} already exists; choose another name with -o or remove the file first`);
  }
  try {
    await writeFileAtomic(target, buildTemplate(lang));
  } catch (err) {
    io.err(`lmc template: cannot write ${describeFsError(err, target)}\n`);
    return EXIT.usage;
  }
  io.out(`${target}\n`);
  return EXIT.ok;
};
