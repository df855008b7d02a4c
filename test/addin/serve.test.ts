import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { certStillValid, parseServeArgs, resolveHttps, sideloadText } from '../../src/cli/serve.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'lmc-serve-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function get(url: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const onResponse = (res: http.IncomingMessage): void => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type']) }));
    };
    (url.startsWith('https:') ? https.get(url, { rejectUnauthorized: false }, onResponse) : http.get(url, onResponse)).on('error', reject);
  });
}

describe('certificates for npm start', () => {
  it.skipIf(!hasOpenssl)('makes a self-signed localhost certificate with openssl and reuses it', async () => {
    const cacheDir = path.join(scratch, 'certs');
    const first = await resolveHttps({ devCerts: false, cacheDir });
    expect(first.kind).toBe('self-signed');
    const cert = new X509Certificate(first.options!.cert);
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(certStillValid(first.options!.cert)).toBe(true);
    expect(first.note).toContain('accept it');
    const second = await resolveHttps({ devCerts: false, cacheDir });
    expect(second.options!.cert).toBe(first.options!.cert);
    expect(readFileSync(path.join(cacheDir, 'localhost-key.pem'), 'utf8')).toBe(second.options!.key);
  });

  it('falls back to plain http with a warning when no certificate can be made', async () => {
    const choice = await resolveHttps({ devCerts: false, cacheDir: path.join(scratch, 'none'), openssl: 'openssl-that-does-not-exist' });
    expect(choice.kind).toBe('http');
    expect(choice.options).toBeUndefined();
    expect(choice.note).toMatch(/^WARNING: serving plain http: openssl could not make a certificate/);
    expect(choice.note).toContain('Excel loads add-ins only over https');
  });

  it('judges certificates by their dates', () => {
    expect(certStillValid('not a certificate')).toBe(false);
  });
});

describe('npm start options and text', () => {
  it('reads --port and --no-dev-certs, and refuses anything else', () => {
    expect(parseServeArgs([])).toEqual({ port: 3000, devCerts: true });
    expect(parseServeArgs(['--port', '3100', '--no-dev-certs'])).toEqual({ port: 3100, devCerts: false });
    expect(() => parseServeArgs(['--port', 'x'])).toThrow(/--port must be a port number/);
    expect(() => parseServeArgs(['--watch'])).toThrow();
  });

  it('prints how to sideload on the web and on the desktop', () => {
    const t = sideloadText('https://localhost:3000/', '/repo/manifest.xml', { kind: 'self-signed', note: 'self-signed' });
    expect(t).toContain('Upload My Add-in');
    expect(t).toContain('Choose /repo/manifest.xml and Upload');
    expect(t).toContain('npx office-addin-dev-settings sideload "/repo/manifest.xml"');
    expect(t).toContain('Trusted Add-in Catalogs');
    expect(t).toContain('https://localhost:3000/taskpane.html');
    const other = sideloadText('https://localhost:3100/', '/repo/manifest.xml', { kind: 'self-signed', note: 'self-signed' });
    expect(other).toContain('downloaded from https://localhost:3100/manifest.xml');
  });
});

describe('npm start', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.pid && child.exitCode === null) child.kill('SIGTERM');
  });

  it('builds and serves the add-in over https and prints the sideload steps', async () => {
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts', '--port', String(port), '--no-dev-certs'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const started = Date.now();
    while (!out.includes('Stop the server with Ctrl+C.')) {
      if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}:\n${out}`);
      if (Date.now() - started > 150_000) throw new Error(`npm start did not come up:\n${out}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // https with openssl; without it the server falls back to http and says so.
    const base = `${hasOpenssl ? 'https' : 'http'}://localhost:${port}/`;
    expect(out).toContain(`LMC add-in served at ${base}`);
    if (!hasOpenssl) expect(out).toContain('WARNING: serving plain http');
    expect(out).toContain('Upload My Add-in');
    const page = await get(base);
    expect(page.status).toBe(200);
    expect(page.body).toContain('functions.js');
    expect(page.body).toContain('office.js');
    const meta = await get(`${base}functions.json`);
    expect(meta.status).toBe(200);
    expect((JSON.parse(meta.body) as { functions: { id: string }[] }).functions.map((f) => f.id)).toContain('CLAUSE');
    const manifest = await get(`${base}manifest.xml`);
    expect(manifest.status).toBe(200);
    expect(manifest.body).toContain(`localhost:${port}/functions.js`);
    expect(manifest.body).not.toContain('localhost:3000');
    const icon = await get(`${base}assets/icon-32.png`);
    expect(icon.status).toBe(200);
    expect(icon.type).toContain('image/png');
  }, 180_000);
});
