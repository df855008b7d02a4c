import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The manifest URL the shared production build is made with (the build test checks the rewrite). */
export const TEST_ADDIN_URL = 'https://addin.example.org/lmc/';

// The add-in build test and the browser test both need a production build; making it once saves a minute of CI.
// Runs only when the selected tests include them (a bare `vitest run`, or a filter naming addin/e2e).
function needsBuild(): boolean {
  if (process.env.LMC_BUILD_DIST) return false;
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'run' && !a.endsWith('vitest') && !a.endsWith('vitest.mjs'));
  return filters.length === 0 || filters.some((f) => /addin|e2e|build/.test(f));
}

/** Builds the add-in once into a temporary folder and hands its path to the tests through LMC_BUILD_DIST. */
export default function setup(): () => void {
  if (!needsBuild()) return () => {};
  const dir = mkdtempSync(path.join(tmpdir(), 'lmc-build-'));
  const dist = path.join(dir, 'dist');
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production', '--env', `outDir=${dist}`], {
    cwd: root,
    env: { ...process.env, ADDIN_URL: TEST_ADDIN_URL, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 400_000,
  });
  const log = path.join(dir, 'build.log');
  writeFileSync(log, `${build.stdout ?? ''}\n${build.stderr ?? ''}\n${build.error ? String(build.error) : ''}`);
  writeFileSync(path.join(dir, 'build.status'), String(build.status));
  process.env.LMC_BUILD_DIST = dist;
  process.env.LMC_BUILD_LOG = log;
  process.env.LMC_BUILD_STATUS = String(build.status);
  process.env.LMC_E2E_DIST ??= dist;
  return () => rmSync(dir, { recursive: true, force: true });
}
