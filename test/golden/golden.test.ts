// `lmc validate --json` on the generated fixtures and on the third-party corpus must not change by accident:
// the reports are kept in test/golden/*.json (LMC_UPDATE_GOLDEN=1 rewrites them after an intended change).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { goldenInputs } from './fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const corpus = path.resolve(root, '../shared/corpus/real');
const update = process.env.LMC_UPDATE_GOLDEN === '1';

function validateJson(cwd: string, files: string[]): string {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/lmc.js'), 'validate', '--json', '--as-of', '2025-06-30', '--lang', 'zh', ...files], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  expect(r.status, r.stderr).not.toBe(2);
  // Findings name the file by its full path; the folder differs from machine to machine.
  return r.stdout.split(JSON.stringify(cwd + path.sep).slice(1, -1)).join('');
}

function check(name: string, actual: string): void {
  const file = path.join(here, name);
  if (update || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('golden validate reports', () => {
  it('generated fixtures', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lmc-golden-'));
    const inputs = goldenInputs();
    for (const [name, bytes] of Object.entries(inputs)) writeFileSync(path.join(dir, name), bytes);
    check('fixtures.json', validateJson(dir, Object.keys(inputs).sort()));
  });

  it.skipIf(!existsSync(corpus))('third-party corpus', () => {
    check('corpus.json', validateJson(corpus, readdirSync(corpus).sort()));
  });
});
