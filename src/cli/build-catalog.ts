import { readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { formatBuildReport, parseSeed, type SeedTranslations } from '../catalog/parse-seed.js';

/** Builds the catalog from the seed: returns the JSON text that `src/catalog/catalog.json` must hold, and the report. */
export function buildCatalog(root: string): { json: string; report: string; problems: number } {
  const seedDir = join(root, 'seeds');
  const seed = readdirSync(seedDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(seedDir, f), 'utf8'))
    .join('\n');
  const translations = JSON.parse(readFileSync(join(root, 'src/catalog/clause-translations.json'), 'utf8')) as SeedTranslations;
  const { catalog, report } = parseSeed(seed, translations);
  return { json: `${JSON.stringify(catalog, null, 2)}\n`, report: formatBuildReport(report), problems: report.problems.length };
}

const root = fileURLToPath(new URL('../../', import.meta.url));
if (process.argv[1] && /build-catalog\.[jt]s$/.test(process.argv[1])) {
  const { json, report, problems } = buildCatalog(root);
  process.stderr.write(`${report}\n`);
  if (problems > 0) {
    process.stderr.write(`catalog: ${problems} problem(s); catalog.json not written\n`);
    process.exit(1);
  }
  const target = join(root, 'src/catalog/catalog.json');
  writeFileSync(`${target}.tmp`, json);
  renameSync(`${target}.tmp`, target);
  process.stderr.write(`catalog: wrote src/catalog/catalog.json\n`);
}
