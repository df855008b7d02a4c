import type { Bilingual, CatalogData, CatalogDocument, Clause, DocId } from './types.js';
import { fromChineseNumeral } from './numerals.js';

/** How one of the three texts is recognised on the page and how it is numbered. */
export interface DocumentRule {
  id: DocId;
  /** Matches the document's printed title. */
  title: RegExp;
  /** `sections`: 一、… section titles and dotted clauses (the action plan); `items`: 一、… numbered paragraphs. */
  structure: 'sections' | 'items';
  /** True when an unnumbered paragraph right after the title is a preamble of its own. */
  preamble: boolean;
}

/** The three texts of the catalog. */
export const DOCUMENT_RULES: DocumentRule[] = [
  { id: 'AP', title: /^澜沧江—湄公河合作五年行动计划/, structure: 'sections', preamble: false },
  { id: 'ND', title: /^澜沧江—湄公河合作.*宣言$/, structure: 'items', preamble: false },
  { id: 'IC', title: /^澜沧江—湄公河.*倡议$/, structure: 'items', preamble: true },
];

/** Reviewed translations and keywords kept beside the parser (clause-translations.json). */
export interface SeedTranslations {
  documents: Record<DocId, { en: string; subtitleEn?: string }>;
  clauses: Record<string, { title: { zh?: string; en: string }; keywords: { zh: string[]; en: string[] } }>;
}

/** What the build assembled, joined and left out, for the build log. */
export interface BuildReport {
  assembled: { doc: DocId; clauses: number; headings: number }[];
  joined: { id: string; fragment: string; rule: string }[];
  truncated: string[];
  normalised: { id: string; what: string }[];
  leftOut: { line: number; kind: string; excerpt: string }[];
  problems: string[];
}

type Piece =
  | { kind: 'title'; level: number; text: string; line: number }
  | { kind: 'dateline'; text: string; line: number }
  | { kind: 'dotted'; number: string; title: string; text: string | null; line: number }
  | { kind: 'section'; n: number; numeral: string; title: string; line: number }
  | { kind: 'item'; n: number; numeral: string; text: string; line: number }
  | { kind: 'plain'; text: string; line: number; foreignStart: boolean };

interface Draft {
  id: string;
  doc: DocId;
  number: string;
  key: string;
  title: string | null;
  text: string;
  heading: boolean;
  line: number;
  /** Index in the page's piece list of the numbered piece that printed it. */
  piece: number;
}

// A lead-in ending in a colon (“…提出以下合作倡议:”) is complete too.
const SENTENCE_END = /(?:[。！？!?…:：]|[。！？][”’」』）)])$/;
const DATELINE = /^[(（【]新华社[^)）】]*电[)）】]$/;
const FOREIGN_START = /^[(（]上接第.+版[)）]/;
const CN_ITEM = /^([一二三四五六七八九十]+)、(.*)$/;
// A clause number is followed by a space or its Chinese title, never by `%` or more digits (“30.5%”).
const DOTTED = /^([1-9]\d?(?:\.\d{1,2})+)(?:\s+|(?=[\u4e00-\u9fff]))(.*)$/;
// Section titles are short labels; a numbered sentence is a paragraph of a declaration or initiative.
const SECTION_TITLE = /^[^。，,；;：:！？]{1,16}$/;

function cleanLine(raw: string): string {
  return raw.replace(/\*\*/g, '').replace(/\s+$/u, '').trim();
}

function classify(lines: string[]): Piece[] {
  const pieces: Piece[] = [];
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = cleanLine(raw);
    if (text === '') return;
    const title = /^(#{1,6})\s+(.*)$/.exec(text);
    if (title) {
      pieces.push({ kind: 'title', level: title[1].length, text: title[2].trim(), line });
      return;
    }
    if (DATELINE.test(text)) {
      pieces.push({ kind: 'dateline', text, line });
      return;
    }
    const dotted = DOTTED.exec(text);
    if (dotted) {
      const rest = dotted[2];
      const stop = rest.indexOf('。');
      if (stop === -1) pieces.push({ kind: 'dotted', number: dotted[1], title: rest.trim(), text: null, line });
      else pieces.push({ kind: 'dotted', number: dotted[1], title: rest.slice(0, stop).trim(), text: rest.slice(stop + 1).trim(), line });
      return;
    }
    const item = CN_ITEM.exec(text);
    const n = item ? fromChineseNumeral(item[1]) : null;
    if (item && n !== null) {
      if (SECTION_TITLE.test(item[2])) pieces.push({ kind: 'section', n, numeral: item[1], title: item[2], line });
      else pieces.push({ kind: 'item', n, numeral: item[1], text: item[2], line });
      return;
    }
    pieces.push({ kind: 'plain', text, line, foreignStart: FOREIGN_START.test(text) });
  });
  return pieces;
}

function compareKeys(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? -1;
    const y = pb[i] ?? -1;
    if (x !== y) return x - y;
  }
  return 0;
}

function excerpt(text: string): string {
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}

function extractCites(text: string): string[] {
  const found: { at: number; name: string }[] = [];
  for (const m of text.matchAll(/《([^》]+)》/g)) found.push({ at: m.index ?? 0, name: `《${m[1]}》` });
  for (const m of text.matchAll(/“([^”]+)”/g)) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 2), m.index ?? 0);
    // An abbreviation (简称“…”) or a quoted slogan sentence is not a named programme.
    if (before === '简称' || /[，,。]/.test(m[1])) continue;
    found.push({ at: m.index ?? 0, name: `“${m[1]}”` });
  }
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.name))];
}

/** Rebuilds the three texts from the newspaper page: assembles, rejoins split clauses and leaves out other articles. */
export function parseSeed(seed: string, translations: SeedTranslations): { catalog: CatalogData; report: BuildReport } {
  const report: BuildReport = { assembled: [], joined: [], truncated: [], normalised: [], leftOut: [], problems: [] };
  const pieces = classify(seed.split(/\r?\n/));
  const consumed = new Set<number>();
  const docTitles = new Map<DocId, { index: number; title: string; subtitle?: string }>();

  // 1. Document titles, and a level-2 subtitle printed right under one.
  pieces.forEach((p, i) => {
    if (p.kind !== 'title') return;
    const rule = DOCUMENT_RULES.find((r) => r.title.test(p.text));
    if (!rule || docTitles.has(rule.id)) return;
    const next = pieces[i + 1];
    const subtitle = next?.kind === 'title' && next.level > p.level ? next.text : undefined;
    docTitles.set(rule.id, { index: i, title: p.text, subtitle });
    consumed.add(i);
    if (subtitle !== undefined) consumed.add(i + 1);
  });

  const drafts: Draft[] = [];
  const sectionsDoc = DOCUMENT_RULES.find((r) => r.structure === 'sections')!;

  // 2. Section titles and dotted clauses belong to the document numbered that way, wherever they are printed.
  pieces.forEach((p, i) => {
    if (p.kind === 'section') {
      const next = pieces[i + 1];
      const hasText = next?.kind === 'plain' && !next.foreignStart;
      if (hasText) consumed.add(i + 1);
      drafts.push({
        id: `${sectionsDoc.id}-${p.n}`, doc: sectionsDoc.id, number: p.numeral, key: String(p.n), title: p.title,
        text: hasText ? (next as { text: string }).text : '', heading: !hasText, line: p.line, piece: i,
      });
      consumed.add(i);
    } else if (p.kind === 'dotted') {
      drafts.push({
        id: `${sectionsDoc.id}-${p.number}`, doc: sectionsDoc.id, number: p.number, key: p.number, title: p.title,
        text: p.text ?? '', heading: p.text === null, line: p.line, piece: i,
      });
      consumed.add(i);
    }
  });

  // 3. Numbered paragraphs: runs of consecutive numbers; a run printed under a document title is that document's,
  //    the other runs together must number 1…N without gaps and belong to the one titled document left without paragraphs.
  const runs: { start: number; end: number }[] = [];
  pieces.forEach((p, i) => {
    if (p.kind !== 'item') return;
    const last = runs[runs.length - 1];
    const prev = last ? pieces[last.end] : undefined;
    if (last && last.end === i - 1 && prev?.kind === 'item' && prev.n === p.n - 1) last.end = i;
    else runs.push({ start: i, end: i });
  });
  const itemsOf = new Map<DocId, { start: number; end: number }[]>();
  const orphans: { start: number; end: number }[] = [];
  for (const run of runs) {
    let j = run.start - 1;
    let preamble: number | null = null;
    if (pieces[j]?.kind === 'plain' && !(pieces[j] as { foreignStart: boolean }).foreignStart) {
      preamble = j;
      j--;
    }
    const owner = [...docTitles.entries()].find(([id, t]) => {
      const rule = DOCUMENT_RULES.find((r) => r.id === id)!;
      const titleEnd = t.subtitle !== undefined ? t.index + 1 : t.index;
      return rule.structure === 'items' && titleEnd === j && (preamble === null || rule.preamble);
    });
    if (owner) {
      itemsOf.set(owner[0], [run]);
      if (preamble !== null) {
        drafts.push({
          id: `${owner[0]}-preamble`, doc: owner[0], number: 'preamble', key: '0', title: null,
          text: (pieces[preamble] as { text: string }).text, heading: false, line: pieces[preamble].line, piece: preamble,
        });
        consumed.add(preamble);
      }
    } else orphans.push(run);
  }
  if (orphans.length > 0) {
    orphans.sort((a, b) => (pieces[a.start] as { n: number }).n - (pieces[b.start] as { n: number }).n);
    let expect = 1;
    for (const run of orphans) {
      if ((pieces[run.start] as { n: number }).n !== expect) report.problems.push(`numbered paragraphs do not continue at ${expect} (line ${pieces[run.start].line})`);
      expect = (pieces[run.end] as { n: number }).n + 1;
    }
    const homeless = [...docTitles.keys()].filter((id) => DOCUMENT_RULES.find((r) => r.id === id)!.structure === 'items' && !itemsOf.has(id));
    if (homeless.length === 1) itemsOf.set(homeless[0], orphans);
    else report.problems.push(`cannot tell which document ${orphans.length} run(s) of numbered paragraphs belong to`);
  }
  for (const [doc, docRuns] of itemsOf) {
    for (const run of docRuns) {
      for (let i = run.start; i <= run.end; i++) {
        const p = pieces[i] as Extract<Piece, { kind: 'item' }>;
        drafts.push({ id: `${doc}-${p.n}`, doc, number: p.numeral, key: String(p.n), title: null, text: p.text, heading: false, line: p.line, piece: i });
        consumed.add(i);
      }
    }
  }

  // 4. Rejoin: an unnumbered fragment printed just before clause N continues clause N−1 when N−1 stops mid-sentence.
  const byPiece = new Map(drafts.map((d) => [d.piece, d]));
  const ordered = (doc: DocId) => drafts.filter((d) => d.doc === doc && d.number !== 'preamble').sort((a, b) => compareKeys(a.key, b.key));
  const predecessor = (d: Draft): Draft | undefined => {
    const list = ordered(d.doc);
    const at = list.indexOf(d);
    for (let k = at - 1; k >= 0; k--) if (!list[k].heading) return list[k];
    return undefined;
  };
  pieces.forEach((p, i) => {
    if (p.kind !== 'plain' || consumed.has(i) || p.foreignStart) return;
    const next = byPiece.get(i + 1);
    if (!next) return;
    const pred = predecessor(next);
    if (!pred || SENTENCE_END.test(pred.text)) return;
    pred.text += p.text;
    consumed.add(i);
    report.joined.push({ id: pred.id, fragment: excerpt(p.text), rule: `printed before ${next.id}; ${pred.id} stopped mid-sentence` });
  });

  // 5. Clean-up that the typesetting caused: spaces inside Chinese text from justified columns.
  for (const d of drafts) {
    const cleaned = d.text.replace(/(?<=[\u4e00-\u9fff、，])[ \u3000]+(?=[\u4e00-\u9fff])/g, '');
    if (cleaned !== d.text) {
      report.normalised.push({ id: d.id, what: `${d.text.length - cleaned.length} typesetting space(s) removed` });
      d.text = cleaned;
    }
  }

  // 6. Clauses, parents, translations.
  const docOrder: DocId[] = ['AP', 'ND', 'IC'];
  const ids = new Set(drafts.map((d) => d.id));
  const clauses: Clause[] = [];
  for (const doc of docOrder) {
    const list = drafts.filter((d) => d.doc === doc).sort((a, b) => compareKeys(a.key, b.key));
    for (const d of list) {
      const t = translations.clauses[d.id];
      if (!t) report.problems.push(`${d.id}: no English title and keywords in clause-translations.json`);
      let parent: string | null = null;
      if (doc === sectionsDoc.id && d.key.includes('.')) {
        parent = `${doc}-${d.key.slice(0, d.key.lastIndexOf('.'))}`;
        if (!ids.has(parent)) report.problems.push(`${d.id}: parent ${parent} not found`);
      }
      const truncated = !d.heading && !SENTENCE_END.test(d.text);
      if (truncated) report.truncated.push(d.id);
      const title: Bilingual = { zh: d.title ?? t?.title.zh ?? '', en: t?.title.en ?? '' };
      if (!title.zh) report.problems.push(`${d.id}: no Chinese title`);
      clauses.push({
        id: d.id, doc, number: d.number, key: d.key, parent, heading: d.heading, title, text: d.text,
        keywords: { zh: t?.keywords.zh ?? [], en: t?.keywords.en ?? [] }, cites: extractCites(d.text), truncated,
      });
    }
    const headings = list.filter((d) => d.heading).length;
    report.assembled.push({ doc, clauses: list.length, headings });
  }
  for (const id of Object.keys(translations.clauses)) if (!ids.has(id)) report.problems.push(`clause-translations.json names ${id}, which the page does not print`);

  // 7. Numbering continuity within every parent and document.
  const groups = new Map<string, number[]>();
  for (const c of clauses) {
    if (c.number === 'preamble') continue;
    const group = `${c.doc}:${c.parent ?? ''}`;
    const last = Number(c.key.split('.').pop());
    groups.set(group, [...(groups.get(group) ?? []), last]);
  }
  for (const [group, nums] of groups) {
    nums.forEach((n, i) => {
      if (n !== i + 1) report.problems.push(`${group}: numbering jumps to ${n} where ${i + 1} was expected`);
    });
  }

  pieces.forEach((p, i) => {
    if (consumed.has(i)) return;
    const kind = p.kind === 'title' ? 'other heading' : p.kind === 'dateline' ? 'dateline' : p.kind === 'plain' ? 'other article' : `stray ${p.kind}`;
    report.leftOut.push({ line: p.line, kind, excerpt: excerpt(p.kind === 'dotted' ? p.number : 'text' in p ? p.text : p.title) });
  });

  const documents: CatalogDocument[] = docOrder.map((id) => {
    const t = docTitles.get(id);
    if (!t) report.problems.push(`${id}: title not found on the page`);
    const tr = translations.documents[id];
    const doc: CatalogDocument = { id, title: { zh: t?.title ?? '', en: tr?.en ?? '' } };
    if (t?.subtitle) doc.subtitle = { zh: t.subtitle, en: tr?.subtitleEn ?? '' };
    return doc;
  });
  return { catalog: { documents, clauses }, report };
}

/** Renders the build report as a few readable lines. */
export function formatBuildReport(report: BuildReport): string {
  const out: string[] = [];
  out.push('Assembled: ' + report.assembled.map((a) => `${a.doc} ${a.clauses} (${a.headings} headings)`).join(', '));
  for (const j of report.joined) out.push(`Joined: ${j.id} ← “${j.fragment}” (${j.rule})`);
  if (report.truncated.length) out.push(`Truncated at the page edge: ${report.truncated.join(', ')}`);
  for (const n of report.normalised) out.push(`Normalised: ${n.id}: ${n.what}`);
  const counts = new Map<string, number>();
  for (const l of report.leftOut) counts.set(l.kind, (counts.get(l.kind) ?? 0) + 1);
  out.push(`Left out: ${[...counts].map(([k, n]) => `${n} ${k}${n > 1 ? 's' : ''}`).join(', ')}`);
  for (const l of report.leftOut.filter((x) => x.kind !== 'dateline')) out.push(`  line ${l.line} (${l.kind}): ${l.excerpt}`);
  for (const p of report.problems) out.push(`PROBLEM: ${p}`);
  return out.join('\n');
}

