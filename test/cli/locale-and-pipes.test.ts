import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { langFromEnv } from '../../src/cli/locale.js';
import { trackerRows, trackerXlsx } from '../bench/tracker-gen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lmc = path.join(root, 'bin/lmc.js');

describe('language from the environment', () => {
  it.each([
    [{}, 'zh'],
    [{ LANG: 'C.UTF-8' }, 'zh'],
    [{ LANG: 'POSIX' }, 'zh'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'fr_FR.UTF-8' }, 'en'],
    [{ LANG: 'zh_CN.UTF-8' }, 'zh'],
    [{ LANG: 'zh_TW.Big5' }, 'zh'],
    [{ LANG: 'zh' }, 'zh'],
    [{ LANG: 'zu_ZA.UTF-8' }, 'en'],
    [{ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_GB.UTF-8' }, 'en'],
    [{ LANG: 'en_US.UTF-8', LC_MESSAGES: 'en_GB', LC_ALL: 'zh_CN.GB18030' }, 'zh'],
    [{ LANG: 'zh_CN.UTF-8', LC_ALL: '' }, 'zh'],
    [{ LANG: 'zh_CN.UTF-8', LMC_LANG: 'en' }, 'en'],
    [{ LANG: 'en_US.UTF-8', LMC_LANG: 'ZH' }, 'zh'],
    [{ LANG: 'en_US.UTF-8', LMC_LANG: 'fr' }, 'en'],
  ] as const)('%o → %s', (env, lang) => {
    expect(langFromEnv(env)).toBe(lang);
  });

  it('decides the language of a real run, and --lang overrides it', () => {
    const run = (env: Record<string, string>, ...args: string[]) =>
      spawnSync(process.execPath, [lmc, 'clause', '4.2.12', ...args], { encoding: 'utf8', env: { ...process.env, LC_ALL: '', LMC_LANG: '', ...env } });
    const en = run({ LANG: 'en_US.UTF-8' });
    const zh = run({ LANG: 'zh_CN.UTF-8' });
    expect([en.status, zh.status]).toEqual([0, 0]);
    expect(en.stdout).toMatch(/Parent/);
    expect(zh.stdout).toMatch(/上级/);
    expect(run({ LANG: 'en_US.UTF-8' }, '--lang', 'zh').stdout).toMatch(/上级/);
    expect(run({ LANG: 'zh_CN.UTF-8', LMC_LANG: 'en' }).stdout).toMatch(/Parent/);
  });
});

describe('a closed output pipe', () => {
  // A tracker with a few thousand findings: its report is far larger than a pipe's buffer.
  const big = path.join(mkdtempSync(path.join(tmpdir(), 'lmc-pipe-')), 'big.xlsx');
  writeFileSync(big, trackerXlsx(trackerRows(3000, 0.5, 3)));

  it.each([
    ['catalog', '--json'],
    ['validate', big, '--json'],
    ['validate', big],
    ['match', '-', '--json'],
  ])('lmc %s … | head ends quietly', (...args) => {
    // Enough output to fill the pipe after `head` has gone: the catalog, or many match lines.
    const input = args[0] === 'match' ? '水资源合作\n'.repeat(20_000) : '';
    const r = spawnSync('bash', ['-c', `set -o pipefail; node "${lmc}" ${args.map((a) => `'${a}'`).join(' ')} | head -c 10 >/dev/null`], {
      encoding: 'utf8',
      input,
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect([0, 1, 141]).toContain(r.status);
  });
});
