import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Static value imports and re-exports; `import type`, `export type` and `import(…)` are left out on purpose.
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\bfrom\s+)?['"]([^'"]+)['"]/gm;

/** Every module a file pulls in at load time, followed through relative imports: files by path, packages by name. */
function staticClosure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = entries.map((e) => path.join(root, e));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.ts')) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const spec = m[1]!;
      if (!spec.startsWith('.')) {
        seen.add(spec);
        continue;
      }
      const target = path.resolve(path.dirname(file), spec);
      const ts = target.replace(/\.js$/, '.ts');
      queue.push(existsSync(ts) ? ts : target);
    }
  }
  return seen;
}

const relative = (s: Set<string>) => [...s].map((f) => (path.isAbsolute(f) ? path.relative(root, f) : f));

describe('what the page loads inside Excel', () => {
  // The page itself, the functions it hosts, and what it imports once Office reports Excel.
  const excelMode = relative(staticClosure(['taskpane/taskpane.ts', 'functions/functions.ts', 'taskpane/pane/mount-pane.ts', 'taskpane/sheet-host/excel-adapter.ts']));

  it('imports no SheetJS, no fflate and no file-format module', () => {
    expect(excelMode).toContain('src/use-cases/validate-workbook.ts');
    expect(excelMode.filter((f) => f === 'xlsx' || f === 'fflate' || f.startsWith('src/file-formats/'))).toEqual([]);
  });

  it('reaches SheetJS only through the standalone page’s file tools, which are imported on demand', () => {
    const standalone = relative(staticClosure(['taskpane/standalone/mount-standalone.ts']));
    expect(standalone).not.toContain('xlsx');
    expect(relative(staticClosure(['taskpane/standalone/file-check.ts']))).toContain('xlsx');
  });
});
