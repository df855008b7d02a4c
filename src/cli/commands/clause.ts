import { CLAUSE_LABELS } from '../../messages/cli.js';
import { childrenOf, getClause, getDocument } from '../../catalog/index.js';
import { parseRef } from '../../catalog/ref.js';
import { describeRefFailure } from '../../messages/ref.js';
import { langOption, UsageError } from '../args.js';
import type { Command } from '../commands.js';
import { EXIT } from '../io.js';

/** `lmc clause <ref>`: one clause with its title, text, parent and children. */
export const run: Command = async (args, io) => {
  const lang = langOption(args.options.lang, io.lang);
  const ref = args.positionals.join(' ').trim();
  if (ref === '') throw new UsageError('clause: give a clause reference, e.g. lmc clause 4.2.12');
  const r = parseRef(ref);
  if (!r.ok) {
    io.err(`lmc clause: ${describeRefFailure(r, lang)}\n`);
    return EXIT.usage;
  }
  const c = r.clause;
  const children = childrenOf(c.id);
  if (args.options.json) {
    io.out(`${JSON.stringify({ ...c, children: children.map((k) => k.id) }, null, 2)}\n`);
    return EXIT.ok;
  }
  const other = lang === 'zh' ? 'en' : 'zh';
  const lines: string[] = [];
  lines.push(`${c.id}  ${c.title[lang]}${c.title[other] ? `  (${c.title[other]})` : ''}`);
  const doc = getDocument(c.doc);
  const trail: string[] = [doc.title[lang] || doc.title.zh];
  for (let p = c.parent ? getClause(c.parent) : undefined; p; p = p.parent ? getClause(p.parent) : undefined) {
    trail.splice(1, 0, `${p.id} ${p.title[lang]}`);
  }
  lines.push(trail.join(' › '));
  lines.push('');
  const label = CLAUSE_LABELS[lang];
  if (c.heading) lines.push(label.heading);
  else lines.push(c.text);
  if (c.truncated) lines.push(label.truncated);
  lines.push('');
  const parent = c.parent ? getClause(c.parent) : undefined;
  lines.push(`${label.parent}: ${parent ? `${parent.id} ${parent.title[lang]}` : label.none}`);
  lines.push(`${label.children}: ${children.length ? children.map((k) => `${k.id} ${k.title[lang]}`).join('; ') : label.none}`);
  if (c.cites.length) lines.push(`${label.cites}: ${c.cites.join(' ')}`);
  io.out(`${lines.join('\n')}\n`);
  return EXIT.ok;
};
