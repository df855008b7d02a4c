import { CLAUSE_LABELS } from '../../messages/cli.js';
import { catalog } from '../../catalog/index.js';
import type { DocId } from '../../catalog/types.js';
import { langOption, UsageError } from '../args.js';
import type { Command } from '../commands.js';
import { EXIT } from '../io.js';

/** `lmc catalog`: the clauses of the three texts, as an indented list or as JSON `{documents, clauses}`. */
export const run: Command = async (args, io) => {
  const lang = langOption(args.options.lang, io.lang);
  const docOpt = args.options.doc;
  let docs: DocId[] = ['AP', 'ND', 'IC'];
  if (docOpt !== undefined) {
    const d = String(docOpt).toUpperCase();
    if (d !== 'AP' && d !== 'ND' && d !== 'IC') throw new UsageError(`--doc must be AP, ND or IC, not '${String(docOpt)}'`);
    docs = [d];
  }
  if (args.positionals.length) throw new UsageError(`catalog takes no arguments (got '${args.positionals[0]}')`);
  const documents = catalog.documents.filter((d) => docs.includes(d.id));
  const clauses = catalog.clauses.filter((c) => docs.includes(c.doc));
  if (args.options.json) {
    io.out(`${JSON.stringify({ documents, clauses }, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines: string[] = [];
  for (const d of documents) {
    const own = clauses.filter((c) => c.doc === d.id);
    lines.push(`${d.id}  ${d.title[lang] || d.title.zh}  (${own.length})`);
    for (const c of own) {
      const depth = c.doc === 'AP' ? c.key.split('.').length : 1;
      const flags = [c.heading ? CLAUSE_LABELS[lang].headingFlag : '', c.truncated ? CLAUSE_LABELS[lang].truncatedFlag : ''].filter(Boolean);
      lines.push(`${`${'  '.repeat(depth)}${c.id}`.padEnd(20)}${c.title[lang]}${flags.length ? `  [${flags.join(', ')}]` : ''}`);
    }
    lines.push('');
  }
  io.out(lines.join('\n'));
  return EXIT.ok;
};
