import { readFileSync } from 'node:fs';
import type { Command } from '../commands.js';
import { EXIT } from '../io.js';

const USAGE: Record<string, string> = {
  catalog: 'lmc catalog [--json] [--doc AP|ND|IC] [--lang zh|en]        list the clauses of the three texts',
  clause: 'lmc clause <ref> [--json] [--lang zh|en]                    one clause: title, text, parent, children',
  validate:
    'lmc validate <files or folders…> [--as-of YYYY-MM-DD] [--lang zh|en] [--format text|json|html] [--json]\n' +
    '             [--out report-file] [--annotate out-dir] [--max-findings N] [-q]   check tracker workbooks',
  template: 'lmc template [-o tracker.xlsx] [--lang zh|en]                a blank tracker workbook',
  schema: 'lmc schema [-o schema.json]                                   the JSON Schema of a tracker row',
  match:
    'lmc match <text> [--top N] [--json] [--lang zh|en] [--docs AP,ND,IC]\n' +
    '                                                             the clauses an activity belongs to (`-` reads stdin lines)',
  xref: 'lmc xref <ref> [--json] [--lang zh|en]                      related clauses in the other two texts',
  fill:
    'lmc fill <in.xlsx> -o <out.xlsx> [--as-of DATE] [--lang zh|en] [--accept-threshold X]\n' +
    '                                                             map, check and fill the status and cross-reference columns',
  summary:
    'lmc summary <files or folders…> [--previous <file or folder>]… [--as-of DATE] [--lang zh|en]\n' +
    '             [--format text|json|html|xlsx] [--json] [--out file] the quarter: coverage by country, gaps, cross-file findings, changes',
  diff:
    'lmc diff <old file or folder> <new file or folder> [--format text|json|html] [--json] [--out file] [--lang zh|en]\n' +
    '         [--fail-on-regression]                             what changed between two quarters',
};

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return 'unknown';
  }
}

/** `lmc help [command]`: usage of every command, or of one. */
export const run: Command = async (args, io) => {
  const topic = args.positionals[0];
  if (topic === '--version') {
    io.out(`lmc ${version()}\n`);
    return EXIT.ok;
  }
  if (topic && USAGE[topic]) {
    io.out(`${USAGE[topic]}\n`);
    return EXIT.ok;
  }
  io.out(
    [
      `lmc ${version()} — Lancang–Mekong Cooperation action plan tracker`,
      '',
      ...Object.values(USAGE),
      '',
      'References: 4.2.12, AP-4.2.12, 第4.2.12条, 行动计划4.2.12, ND-12, 宣言第十二段, Declaration para 12, IC-3, 倡议第三条',
      'Language: --lang zh|en; otherwise LMC_LANG, otherwise the locale (LC_ALL, LC_MESSAGES, LANG): Chinese locales give zh,',
      '          others en; no locale (or C/POSIX) gives zh.',
      'Exit codes: 0 clean (warnings allowed), 1 findings with errors, 2 usage error or unreadable input;',
      '            141 when the reader of the output went away (lmc … | head).',
      '',
    ].join('\n'),
  );
  return EXIT.ok;
};
