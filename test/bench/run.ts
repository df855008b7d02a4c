// Benchmarks: `npm run bench`. Each file in ./sections exports `section: BenchSection`; they run in name order.
import { readdirSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchSection } from './section.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function printTable(rows: Record<string, string | number>[]): void {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  const cells = rows.map((r) => cols.map((c) => String(r[c] ?? '')));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (vals: string[]): string => vals.map((v, i) => v.padEnd(widths[i])).join('  ');
  console.log(line(cols));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of cells) console.log(line(r));
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const dir = path.join(here, 'sections');
  const files = readdirSync(dir)
    .filter((f) => /\.ts$/.test(f))
    .sort();
  const tmp = mkdtempSync(path.join(tmpdir(), 'lmc-bench-'));
  let failed = false;
  try {
    for (const file of files) {
      const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { section?: BenchSection };
      const section = mod.section;
      if (!section) continue;
      if (only.length > 0 && !only.includes(section.name)) continue;
      console.log(`\n== ${section.name}: ${section.title}`);
      try {
        const result = await section.run({ tmpDir: tmp, log: (m) => console.log(`   ${m}`) });
        printTable(result.rows);
        for (const note of result.notes ?? []) console.log(note);
        if (result.ok === false) failed = true;
      } catch (err) {
        failed = true;
        console.log(`   section failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
