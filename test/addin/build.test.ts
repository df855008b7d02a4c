import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getClause } from '../../src/catalog/index.js';
import { checkManifest } from './manifest-check.js';
import { ErrorCode, StandInError } from './custom-functions-stand-in.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
import { TEST_ADDIN_URL as ADDIN_URL } from '../global-setup.js';
import { FUNCTIONS_BUDGET } from './budgets.js';

let out: string;
let build: ReturnType<typeof spawnSync>;

let own = false;

beforeAll(() => {
  // The shared build of test/global-setup.ts, when it ran (same command, same ADDIN_URL).
  if (process.env.LMC_BUILD_DIST && process.env.LMC_BUILD_LOG) {
    out = process.env.LMC_BUILD_DIST;
    const log = readFileSync(process.env.LMC_BUILD_LOG, 'utf8');
    build = { status: Number(process.env.LMC_BUILD_STATUS), stdout: log, stderr: '', error: undefined, pid: 0, output: [], signal: null };
    return;
  }
  own = true;
  out = mkdtempSync(path.join(tmpdir(), 'lmc-addin-build-'));
  build = spawnSync(process.execPath, [path.join(root, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production', '--env', `outDir=${out}`], {
    cwd: root,
    env: { ...process.env, ADDIN_URL, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 170_000,
  });
}, 180_000);

afterAll(() => {
  if (out && own) rmSync(out, { recursive: true, force: true });
});

const file = (name: string): string => path.join(out, name);

describe('npm run build (webpack --mode production)', () => {
  it('succeeds', () => {
    expect(build.error).toBeUndefined();
    expect(`${build.stdout}\n${build.stderr}`).not.toMatch(/\bERROR\b/);
    expect(build.status).toBe(0);
  });

  it('writes the manifest, functions, metadata, task pane and icons', () => {
    for (const f of ['manifest.xml', 'functions.js', 'functions.json', 'taskpane.html']) expect(existsSync(file(f)), f).toBe(true);
    expect(readdirSync(out).filter((f) => /^taskpane\.[0-9a-f]{8,}\.js$/.test(f))).toHaveLength(1);
    expect(readdirSync(file('assets')).sort()).toEqual(['icon-128.png', 'icon-16.png', 'icon-32.png', 'icon-64.png', 'icon-80.png']);
  });

  it('rewrites every dev URL of the manifest to ADDIN_URL', () => {
    const xml = readFileSync(file('manifest.xml'), 'utf8');
    expect(xml).not.toContain('localhost');
    const icons = readdirSync(file('assets')).map((f) => `assets/${f}`);
    expect(checkManifest(xml, ADDIN_URL, icons)).toEqual([]);
  });

  it('keeps the functions bundle within budget, without SheetJS or Node built-ins', () => {
    const js = readFileSync(file('functions.js'), 'utf8');
    expect(statSync(file('functions.js')).size).toBeLessThanOrEqual(FUNCTIONS_BUDGET);
    expect(js).not.toMatch(/SheetJS|require\(["']node:|require\(["']fs["']\)/);
    // The catalog is inside: the text of a clause is in the bundle.
    expect(js).toContain('水资源合作部长级会议');
  });

  it('makes the task pane page the shared runtime: it loads Office.js, the functions and the task pane', () => {
    const html = readFileSync(file('taskpane.html'), 'utf8');
    expect(html).toMatch(/<script[^>]+src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/);
    expect(html).toMatch(/<script[^>]+src="?functions\.js/);
    expect(html).toMatch(/<script[^>]+src="?taskpane\.[0-9a-f]{8,}\.js/);
    expect(html.indexOf('office.js')).toBeLessThan(html.indexOf('functions.js'));
    expect(html.indexOf('functions.js')).toBeLessThan(html.indexOf('taskpane.'));
  });

  it('names every script by its content but functions.js and file-worker.js, which are named by others and loaded with the build hash', () => {
    const scripts = readdirSync(out).filter((f) => f.endsWith('.js'));
    expect(scripts.filter((f) => !/\.[0-9a-f]{8,}\.js$/.test(f)).sort()).toEqual(['file-worker.js', 'functions.js']);
    const html = readFileSync(file('taskpane.html'), 'utf8');
    expect(html).toMatch(/src="?functions\.js\?[0-9a-f]{8,}/);
    // The page starts the standalone page's worker by name, with the build's hash.
    const pageCode = scripts.filter((f) => f !== 'file-worker.js').map((f) => readFileSync(file(f), 'utf8')).join('\n');
    expect(pageCode).toMatch(/file-worker\.js\?/);
    // The runtime in functions.js names the task pane's chunks by their hashed files.
    const lazy = scripts.filter((f) => f !== 'functions.js' && f !== 'file-worker.js' && !f.startsWith('taskpane.'));
    const runtime = readFileSync(file('functions.js'), 'utf8');
    for (const f of lazy) expect(runtime).toContain(f.replace(/^\d+\./, '').replace(/\.js$/, ''));
  });

  it('keeps one copy of the catalog for the page: functions.js holds it, the task pane chunks reuse it (the worker, a thread of its own, has its own)', () => {
    const text = getClause('AP-4.2.12')!.text.slice(0, 12);
    // Minifiers may write non-ASCII text as \u escapes.
    const source = (f: string) =>
      readFileSync(file(f), 'utf8').replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const scripts = readdirSync(out).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(2);
    expect(scripts.filter((f) => source(f).includes(text)).sort()).toEqual(['file-worker.js', 'functions.js']);
  });
});

describe('generated functions.json', () => {
  type Param = { name: string; type?: string; optional?: boolean; dimensionality?: string };
  type Fn = { id: string; name: string; description?: string; parameters: Param[]; result: { type?: string; dimensionality?: string } };
  let fns: Map<string, Fn>;
  beforeAll(() => {
    const meta = JSON.parse(readFileSync(file('functions.json'), 'utf8')) as { functions: Fn[] };
    fns = new Map(meta.functions.map((f) => [f.id, f]));
  });

  it('declares the seven functions with upper-case ids and names', () => {
    expect([...fns.keys()]).toEqual(['CLAUSE', 'TITLE', 'MATCH', 'SEARCH', 'XREF', 'STATUS', 'VALIDATE']);
    for (const f of fns.values()) {
      expect(f.name).toBe(f.id);
      expect(f.description?.length).toBeGreaterThan(20);
    }
  });

  it.each([
    ['CLAUSE', 'ref:string lang:string?', 'string scalar'],
    ['TITLE', 'ref:string lang:string?', 'string scalar'],
    ['MATCH', 'text:string top:number? lang:string?', 'any matrix'],
    ['SEARCH', 'query:string top:number? lang:string?', 'string matrix'],
    ['XREF', 'ref:string lang:string?', 'string matrix'],
    ['STATUS', 'status:any start:any end:any progress:any? asOf:any? lang:string?', 'string scalar'],
    ['VALIDATE', 'row:any[] headers:any[] asOf:any? lang:string?', 'string scalar'],
  ])('%s(%s) → %s', (id, params, result) => {
    const f = fns.get(id)!;
    const sig = f.parameters
      .map((p) => `${p.name}:${p.type}${p.dimensionality === 'matrix' ? '[]' : ''}${p.optional ? '?' : ''}`)
      .join(' ');
    expect(sig).toBe(params);
    expect(`${f.result.type ?? 'any'} ${f.result.dimensionality ?? 'scalar'}`).toBe(result);
  });
});

describe('the built functions bundle', () => {
  it('registers every function with CustomFunctions.associate and runs in a browser-like sandbox', async () => {
    const associated = new Map<string, (...args: unknown[]) => unknown>();
    const sandbox = {
      CustomFunctions: { Error: StandInError, ErrorCode, associate: (id: string, fn: (...args: unknown[]) => unknown) => associated.set(id, fn) },
    } as Record<string, unknown>;
    sandbox.window = sandbox;
    sandbox.self = sandbox;
    vm.runInNewContext(readFileSync(file('functions.js'), 'utf8'), sandbox, { filename: 'functions.js' });
    expect([...associated.keys()].sort()).toEqual(['CLAUSE', 'MATCH', 'SEARCH', 'STATUS', 'TITLE', 'VALIDATE', 'XREF']);
    expect(associated.get('CLAUSE')!('4.2.12')).toBe(getClause('AP-4.2.12')!.text);
    expect(associated.get('TITLE')!('ND-12', 'en')).toBe('Water resources cooperation framework');
    expect(associated.get('MATCH')!('湄公河流域水文数据共享平台二期建设')).toEqual([['AP-4.2.12']]);
    expect(await associated.get('STATUS')!('进行中', 45292, 45400, null, 45473)).toBe('Overdue');
    let err: unknown;
    try {
      associated.get('CLAUSE')!('9.9.9');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StandInError);
    expect((err as StandInError).code).toBe('#N/A');
  });
});
