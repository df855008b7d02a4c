import type { CommandName } from './args.js';
import { READS_FILES } from './commands.js';
import { prestartReader } from './read-file.js';

// Loaded by bin/lmc.js before the rest of the command line: a command that reads files gets its reader process
// started first thing, so the reader's modules load while this process loads its own (the reader's start is the
// longest step before the first file can be read). A reader started for nothing (`lmc validate --help`) exits with
// the command; without this module (the CLI run in-process) the first file starts one.
const command = process.argv[2];
if (command !== undefined && READS_FILES.has(command as CommandName)) prestartReader();
