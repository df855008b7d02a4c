// The layers of the code and the only arrows allowed between them (README, "Project layout"). Every import of every
// source file is checked against this table, so a new dependency in the wrong direction fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Folder → the folders it may import (its own always allowed). Bottom up: model, core, file formats, use cases, reports, hosts. */
const ALLOWED: Record<string, readonly string[]> = {
  'src/model': [],
  'src/catalog': ['src/model'],
  'src/schema': ['src/model', 'src/catalog'],
  'src/match': ['src/model', 'src/catalog'],
  'src/xref': ['src/model', 'src/catalog', 'src/match'],
  'src/assess': ['src/model', 'src/schema'],
  'src/rules': ['src/model', 'src/catalog', 'src/schema', 'src/match'],
  'src/messages': ['src/model', 'src/catalog', 'src/schema', 'src/assess'],
  'src/file-formats': ['src/model', 'src/catalog', 'src/schema', 'src/messages'],
  'src/use-cases': ['src/model', 'src/catalog', 'src/schema', 'src/rules', 'src/match', 'src/xref', 'src/assess', 'src/messages', 'src/file-formats'],
  'src/report': ['src/model', 'src/catalog', 'src/schema', 'src/assess', 'src/messages', 'src/file-formats', 'src/use-cases'],
  'src/cli': ['src/model', 'src/catalog', 'src/schema', 'src/match', 'src/xref', 'src/assess', 'src/messages', 'src/report', 'src/file-formats', 'src/use-cases'],
  functions: ['src/model', 'src/catalog', 'src/schema', 'src/match', 'src/xref', 'src/assess', 'src/messages', 'src/use-cases'],
  taskpane: ['src/model', 'src/catalog', 'src/schema', 'src/match', 'src/xref', 'src/assess', 'src/messages', 'src/report', 'src/file-formats', 'src/use-cases'],
};

/** Packages only one folder may import. */
const PACKAGE_OWNERS: Record<string, readonly string[]> = {
  xlsx: ['src/file-formats'],
  fflate: ['src/file-formats'],
  zod: ['src/schema'],
};

interface Import {
  file: string;
  spec: string;
  folder: string;
  target: string | null;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...sources(rel));
    else if (/\.ts$/.test(name) && !/\.d\.ts$/.test(name)) out.push(rel);
  }
  return out;
}

function folderOf(rel: string): string | null {
  const parts = rel.split('/');
  if (parts[0] === 'src') return parts.length > 2 ? `src/${parts[1]}` : null;
  return parts[0] === 'functions' || parts[0] === 'taskpane' ? parts[0] : null;
}

function importsOf(file: string): Import[] {
  const info = ts.preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, true);
  return info.importedFiles.map(({ fileName: spec }) => {
    const target = spec.startsWith('.') ? path.relative(root, path.resolve(root, path.dirname(file), spec)).split(path.sep).join('/') : null;
    return { file, spec, folder: folderOf(file)!, target };
  });
}

const files = ['src', 'functions', 'taskpane'].flatMap(sources);
const all = files.flatMap(importsOf);

describe('layers', () => {
  it('every source file sits in a known layer', () => {
    expect(files.filter((f) => folderOf(f) === null || !(folderOf(f)! in ALLOWED))).toEqual([]);
  });

  it('imports between folders follow only the allowed arrows', () => {
    const bad = all
      .filter((i) => i.target !== null)
      .map((i) => ({ ...i, to: folderOf(i.target!) }))
      .filter((i) => i.to !== null && i.to !== i.folder && !ALLOWED[i.folder].includes(i.to))
      .map((i) => `${i.file} → ${i.spec}`);
    expect(bad).toEqual([]);
  });

  it('the allowed arrows form no cycle, so no two folders depend on each other', () => {
    const seen = new Set<string>();
    const stack = new Set<string>();
    const cycles: string[] = [];
    const visit = (f: string): void => {
      if (stack.has(f)) return void cycles.push(f);
      if (seen.has(f)) return;
      seen.add(f);
      stack.add(f);
      for (const g of ALLOWED[f]) visit(g);
      stack.delete(f);
    };
    Object.keys(ALLOWED).forEach(visit);
    expect(cycles).toEqual([]);
  });

  it('the model imports nothing, and only the CLI touches Node built-ins', () => {
    expect(all.filter((i) => i.folder === 'src/model' && (i.target === null || !i.target.startsWith('src/model'))).map((i) => `${i.file} → ${i.spec}`)).toEqual([]);
    expect(all.filter((i) => /^node:|^(fs|path|os|url|worker_threads|child_process)$/.test(i.spec) && i.folder !== 'src/cli').map((i) => `${i.file} → ${i.spec}`)).toEqual([]);
  });

  it('file-format packages are imported by their one folder only', () => {
    const bad = all.filter((i) => i.spec in PACKAGE_OWNERS && !PACKAGE_OWNERS[i.spec].includes(i.folder)).map((i) => `${i.file} → ${i.spec}`);
    expect(bad).toEqual([]);
  });

  it('only the adapter and the host detection touch Office.js', () => {
    const office = files.filter((f) => /\b(?:Excel\.run|Office\.(?:context|onReady)|OfficeExtension\.)/.test(readFileSync(path.join(root, f), 'utf8')));
    expect(office.filter((f) => !['taskpane/sheet-host/excel-adapter.ts', 'taskpane/office-detect.ts', 'taskpane/taskpane.ts'].includes(f))).toEqual([]);
  });

  it('the command that prints findings loads no zod: only the reader process, which runs the rules, needs it', () => {
    // Static imports that load code (not `import type`, not dynamic `import()`), followed from the CLI's entry.
    const runtimeImports = (file: string): string[] => {
      const sf = ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest);
      const out: string[] = [];
      for (const st of sf.statements) {
        if (ts.isImportDeclaration(st) && !st.importClause?.isTypeOnly) out.push((st.moduleSpecifier as ts.StringLiteral).text);
        if (ts.isExportDeclaration(st) && st.moduleSpecifier && !st.isTypeOnly) out.push((st.moduleSpecifier as ts.StringLiteral).text);
      }
      return out;
    };
    const reached = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string): void => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const spec of runtimeImports(file)) {
        if (!spec.startsWith('.')) packages.add(spec);
        else visit(path.relative(root, path.resolve(root, path.dirname(file), spec.replace(/\.js$/, '.ts'))).split(path.sep).join('/'));
      }
    };
    visit('src/cli/main.ts');
    visit('src/cli/commands/validate.ts');
    expect(reached.has('src/schema/columns.ts')).toBe(true);
    expect([...packages].filter((p) => !p.startsWith('node:'))).toEqual([]);
    expect([...reached].filter((f) => f === 'src/schema/tracker.ts')).toEqual([]);
  });
});
