#!/usr/bin/env node
// In two steps, so the reader process of a command that reads files starts before the rest of the CLI loads.
await import('../lib/cli/early-reader.js');
await import('../lib/cli/main.js');
