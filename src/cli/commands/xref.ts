import { XREF_LABELS } from '../../messages/cli.js';
import type { Lang } from '../../model/lang.js';
import { getClause } from '../../catalog/index.js';
import { parseRef } from '../../catalog/ref.js';
import { describeRefFailure } from '../../messages/ref.js';
import { crossReferences, type XrefReason } from '../../xref/index.js';
import { langOption, UsageError } from '../args.js';
import type { Command } from '../commands.js';
import { EXIT } from '../io.js';

/** One reason as a line of text, in the chosen language. */
export function reasonText(r: XrefReason, lang: Lang): string {
  const L = XREF_LABELS[lang];
  if (r.kind === 'topic') return `${L.topic} ${r.similarity.toFixed(2)}`;
  return `${r.kind === 'document' ? L.document : L.programme}: ${r.kind === 'document' ? `《${r.name}》` : r.name}`;
}

/** `lmc xref <ref> [--json] [--lang zh|en]`: the clauses of the other two texts related to one clause, with reasons. */
export const run: Command = async (args, io) => {
  const lang = langOption(args.options.lang, io.lang);
  const ref = args.positionals.join(' ').trim();
  if (ref === '') throw new UsageError('xref: give a clause reference, e.g. lmc xref 4.2.12');
  const r = parseRef(ref);
  if (!r.ok) {
    io.err(`lmc xref: ${describeRefFailure(r, lang)}\n`);
    return EXIT.usage;
  }
  const list = crossReferences(r.id);
  if (args.options.json) {
    const related = list.map((e) => ({ id: e.id, title: getClause(e.id)?.title ?? null, score: e.score, reasons: e.reasons }));
    io.out(`${JSON.stringify({ id: r.id, title: r.clause.title, related }, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = [`${r.id}  ${r.clause.title[lang]}`];
  if (list.length === 0) lines.push(`  ${XREF_LABELS[lang].none}`);
  const width = list.reduce((w, e) => Math.max(w, e.id.length), 0);
  for (const e of list) {
    lines.push(`  ${e.id.padEnd(width)}  ${e.score.toFixed(3).padStart(6)}  ${getClause(e.id)?.title[lang] ?? ''}`);
    for (const reason of e.reasons) lines.push(`  ${''.padEnd(width)}          · ${reasonText(reason, lang)}`);
  }
  io.out(`${lines.join('\n')}\n`);
  return EXIT.ok;
};
