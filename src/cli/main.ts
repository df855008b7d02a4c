import { parseCommandLine, UsageError } from './args.js';
import { COMMANDS } from './commands.js';
import { EXIT, processIo, type CliIo } from './io.js';

/** Runs `lmc` with the given arguments and resolves to the exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseCommandLine(argv);
    const command = await COMMANDS[args.command]();
    return await command(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`lmc: ${err.message}\nRun 'lmc help' for usage.\n`);
      return EXIT.usage;
    }
    // A bug, not bad input: say so in one line rather than dumping a stack trace.
    io.err(`lmc: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.LMC_DEBUG && err instanceof Error) io.err(`${err.stack}\n`);
    return EXIT.usage;
  }
}

const invokedDirectly = process.argv[1] && /(?:^|[\\/])(?:lmc(?:\.js)?|main\.[jt]s)$/.test(process.argv[1]);
if (invokedDirectly) {
  runCli(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
