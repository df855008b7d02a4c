import { prestartReader } from './read-file.js';

// Loaded by bin/lmc.js before the rest of the command line: a command that reads files gets its reader process
// started first thing, so the reader's modules load while this process loads its own (the reader's start is the
// longest step before the first file can be read). A guess from the raw arguments is enough: a reader started for
// nothing exits with the command, and the command starts one itself when the guess missed.
const READING_COMMANDS = new Set(['validate', 'fill', 'summary', 'diff']);
const first = process.argv.slice(2).find((a) => !a.startsWith('-'));
if (first !== undefined && READING_COMMANDS.has(first)) prestartReader();
