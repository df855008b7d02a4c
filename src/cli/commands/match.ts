import { MATCH_LABELS } from '../../messages/cli.js';
import type { Lang } from '../../model/lang.js';
import type { DocId } from '../../catalog/types.js';
import { getClause } from '../../catalog/index.js';
import { DEFAULT_ACCEPT_THRESHOLD, matchActivity, type MatchResult } from '../../match/index.js';
import { intOption, langOption, UsageError } from '../args.js';
import type { Command } from '../commands.js';
import { EXIT, type CliIo } from '../io.js';

/** Reads `--docs AP,ND,IC` (default: the action plan). */
export function docsOption(value: unknown): DocId[] {
  if (value === undefined) return ['AP'];
  const parts = String(value)
    .split(/[,\s]+/)
    .filter((p) => p !== '')
    .map((p) => p.toUpperCase());
  const bad = parts.filter((p) => p !== 'AP' && p !== 'ND' && p !== 'IC');
  if (parts.length === 0 || bad.length > 0) {
    throw new UsageError(`--docs takes AP, ND and IC separated by commas, not '${String(value)}'`);
  }
  return [...new Set(parts)] as DocId[];
}

/** Text safe for a terminal: control characters (escape sequences included) shown as `?`, long text shortened. */
export function printable(text: string, max = 200): string {
  const clean = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?').replace(/[\t\n\r]+/g, ' ');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** The JSON form of one result: `{query, best, confidence, accepted, candidates: [{id, title, score}], reason}`. */
export function matchJson(r: MatchResult): string {
  return JSON.stringify({
    query: r.query,
    best: r.best,
    confidence: r.confidence,
    accepted: r.accepted,
    candidates: r.candidates.map((c) => ({ id: c.id, title: c.title, score: c.score })),
    reason: r.reason,
  });
}

/** The readable form of one result, in the chosen language. */
export function matchText(r: MatchResult, lang: Lang, docs: readonly DocId[] = ['AP']): string {
  const L = MATCH_LABELS[lang];
  const lines = [printable(r.query)];
  if (r.reason.kind === 'other-document') {
    lines.push(`  ${L.otherDocument(r.reason.ref, getClause(r.reason.ref)?.title[lang] ?? '', docs.join(', '))}`);
    return `${lines.join('\n')}\n`;
  }
  if (r.best === null) {
    lines.push(`  ${L.none}`);
    return `${lines.join('\n')}\n`;
  }
  const best = r.candidates[0];
  lines.push(`→ ${best.id}  ${best.title[lang]}  (${L.confidence} ${r.confidence.toFixed(2)}, ${r.accepted ? L.accepted : L.notAccepted})`);
  lines.push(
    r.reason.kind === 'terms' ? `  ${L.terms}: ${r.reason.terms.map((t) => printable(t)).join(', ')}` : `  ${L.reference}: ${r.reason.ref}`,
  );
  const width = r.candidates.reduce((w, c) => Math.max(w, c.id.length), 0);
  r.candidates.forEach((c, i) => {
    lines.push(`  ${i + 1}. ${c.id.padEnd(width)}  ${c.score.toFixed(3).padStart(7)}  ${c.title[lang]}`);
  });
  return `${lines.join('\n')}\n`;
}

async function* inputLines(io: CliIo): AsyncIterable<string> {
  if (io.stdinLines) {
    yield* io.stdinLines();
    return;
  }
  const text = await io.readStdin();
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  yield* lines;
}

/**
 * `lmc match <text> [--top N] [--json] [--lang zh|en] [--docs AP,ND,IC]`: the clauses an activity belongs to;
 * with `-`, one activity per stdin line and one result per line, in order.
 */
export const run: Command = async (args, io) => {
  const lang = langOption(args.options.lang, io.lang);
  const top = intOption('top', args.options.top, 3, 1, 50);
  const docs = docsOption(args.options.docs);
  const json = Boolean(args.options.json);
  const opts = { top, docs, threshold: DEFAULT_ACCEPT_THRESHOLD };
  const fromStdin = args.positionals.length === 1 && args.positionals[0] === '-';
  if (!fromStdin) {
    const text = args.positionals.join(' ').trim();
    if (text === '') throw new UsageError("match: give an activity description, or '-' to read one per line from stdin");
    const r = matchActivity(text, opts);
    io.out(json ? `${matchJson(r)}\n` : matchText(r, lang, docs));
    return EXIT.ok;
  }
  let first = true;
  for await (const raw of inputLines(io)) {
    const line = first ? raw.replace(/^\uFEFF/, '') : raw;
    first = false;
    const r = matchActivity(line.replace(/\r$/, ''), opts);
    io.out(json ? `${matchJson(r)}\n` : `${matchText(r, lang, docs)}\n`);
  }
  return EXIT.ok;
};
