/**
 * `npm start`: builds the add-in in development mode and serves it on https://localhost:3000 for sideloading into
 * Excel, with a trusted certificate from office-addin-dev-certs when it can be installed, otherwise a self-signed
 * one made with openssl, otherwise plain http with a warning. It never waits on a prompt: each step is time-boxed.
 */
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The TLS material for the dev server, or plain http, with a line saying which and why. */
export interface HttpsChoice {
  kind: 'dev-certs' | 'self-signed' | 'http';
  options?: { key: string; cert: string; ca?: string };
  note: string;
}

/** Options of `resolveHttps`. */
export interface ResolveHttpsOptions {
  /** Try office-addin-dev-certs first (it installs a trusted CA where it can). */
  devCerts: boolean;
  /** Folder for the self-signed certificate (kept and reused until it is about to expire). */
  cacheDir: string;
  /** Milliseconds each external step may take. */
  timeoutMs?: number;
  /** The openssl command (default `openssl` from PATH). */
  openssl?: string;
  log?: (line: string) => void;
}

/** Runs a command without a terminal (no password prompt can block it), killing its process group on timeout. */
function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, cwd: root });
    } catch (err) {
      resolve({ code: null, stdout: '', stderr: (err as Error).message, timedOut: false });
      return;
    }
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: stderr || err.message, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** True when the PEM certificate is readable and valid for at least another day. */
export function certStillValid(pem: string, now = Date.now()): boolean {
  try {
    const c = new X509Certificate(pem);
    return Date.parse(c.validTo) - now > 86_400_000 && Date.parse(c.validFrom) <= now;
  } catch {
    return false;
  }
}

const DEV_CERTS_SCRIPT = `
import('office-addin-dev-certs').then(async (m) => {
  const o = await (m.getHttpsServerOptions ?? m.default.getHttpsServerOptions)();
  process.stdout.write('\\n@@' + JSON.stringify({ key: String(o.key), cert: String(o.cert), ca: o.ca ? String(o.ca) : undefined }));
}).catch((e) => { process.stderr.write(String(e && e.message || e)); process.exit(1); });
`;

/** Picks the dev server's TLS material: trusted dev certificates, a self-signed certificate, or plain http. */
export async function resolveHttps(opts: ResolveHttpsOptions): Promise<HttpsChoice> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const log = opts.log ?? (() => {});
  const reasons: string[] = [];
  if (opts.devCerts) {
    log('Checking the Office add-in development certificate (office-addin-dev-certs)…');
    const r = await run(process.execPath, ['--input-type=module', '-e', DEV_CERTS_SCRIPT], timeoutMs);
    const at = r.stdout.lastIndexOf('\n@@');
    if (r.code === 0 && at >= 0) {
      try {
        const o = JSON.parse(r.stdout.slice(at + 3)) as { key: string; cert: string; ca?: string };
        if (o.key && o.cert) {
          return { kind: 'dev-certs', options: o, note: 'trusted development certificate from office-addin-dev-certs' };
        }
      } catch {
        // fall through to the self-signed certificate
      }
    }
    const why = r.timedOut ? `no answer within ${timeoutMs / 1000} s` : (r.stderr.trim().split('\n').pop() ?? '').slice(0, 200) || `exit ${r.code}`;
    reasons.push(`office-addin-dev-certs could not install a trusted certificate (${why})`);
  }
  const keyFile = path.join(opts.cacheDir, 'localhost-key.pem');
  const certFile = path.join(opts.cacheDir, 'localhost-cert.pem');
  if (existsSync(keyFile) && existsSync(certFile) && certStillValid(readFileSync(certFile, 'utf8'))) {
    return { kind: 'self-signed', options: { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') }, note: selfSignedNote(reasons) };
  }
  try {
    mkdirSync(opts.cacheDir, { recursive: true });
  } catch (err) {
    reasons.push(`cannot create ${opts.cacheDir}: ${(err as Error).message}`);
  }
  log('Making a self-signed certificate for localhost with openssl…');
  const r = await run(
    opts.openssl ?? 'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '30', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyFile, '-out', certFile],
    timeoutMs,
  );
  if (r.code === 0 && existsSync(keyFile) && existsSync(certFile)) {
    return { kind: 'self-signed', options: { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') }, note: selfSignedNote(reasons) };
  }
  reasons.push(`openssl could not make a certificate (${r.timedOut ? 'timed out' : (r.stderr.trim().split('\n').pop() ?? '').slice(0, 200) || `exit ${r.code}`})`);
  return {
    kind: 'http',
    note: `WARNING: serving plain http: ${reasons.join('; ')}. Excel loads add-ins only over https, so sideloading will fail; the standalone validator page still works.`,
  };
}

function selfSignedNote(reasons: string[]): string {
  const why = reasons.length > 0 ? `${reasons.join('; ')}; ` : '';
  return `${why}using a self-signed certificate: open the URL in your browser once and accept it, or Excel will not load the add-in`;
}

/** The text printed once the server runs: where it is, and how to sideload the manifest into Excel. */
export function sideloadText(baseUrl: string, manifestPath: string, https: HttpsChoice, devUrl = 'https://localhost:3000/'): string {
  // The manifest on disk names the default URL; for any other, the served copy is the one to upload.
  const manifest = baseUrl === devUrl ? manifestPath : `manifest.xml downloaded from ${baseUrl}manifest.xml (it names ${baseUrl})`;
  return [
    '',
    `LMC add-in served at ${baseUrl}`,
    `  Task pane / standalone validator: ${baseUrl}taskpane.html`,
    `  Custom functions: ${baseUrl}functions.js, metadata ${baseUrl}functions.json`,
    `  Manifest: ${manifestPath} (also ${baseUrl}manifest.xml)`,
    `  Certificate: ${https.note}`,
    '',
    'Sideload in Excel on the web:',
    '  1. Open a workbook in Excel on the web.',
    '  2. Insert › Add-ins (or Home › Add-ins) › More Add-ins › Upload My Add-in.',
    `  3. Choose ${manifest} and Upload. The LMC Tracker button appears on the Home tab; type =LMC. in a cell for the functions.`,
    '',
    'Sideload in Excel desktop:',
    `  Windows: npx office-addin-dev-settings sideload ${baseUrl === devUrl ? `"${manifestPath}"` : '<that manifest.xml>'}`,
    '     or put manifest.xml in a shared folder, add the folder under File › Options › Trust Center › Trust Center Settings ›',
    '     Trusted Add-in Catalogs (Show in Menu), restart Excel, then Insert › My Add-ins › Shared Folder.',
    '  Mac: copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ and restart Excel.',
    '',
    'Stop the server with Ctrl+C.',
    '',
  ].join('\n');
}

/** Parsed `npm start` options. */
export interface ServeOptions {
  port: number;
  devCerts: boolean;
}

/** Reads `npm start -- [--port N] [--no-dev-certs]`. */
export function parseServeArgs(argv: string[]): ServeOptions {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, 'no-dev-certs': { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? 3000 : Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be a port number, not '${values.port}'`);
  return { port, devCerts: values['no-dev-certs'] !== true };
}

/** Builds (development) and serves the add-in until the process is stopped; resolves once the first build is done. */
export async function serve(opts: ServeOptions, log: (line: string) => void = (l) => console.log(l)): Promise<{ stop(): Promise<void>; url: string }> {
  const https = await resolveHttps({ devCerts: opts.devCerts, cacheDir: path.join(root, 'node_modules', '.cache', 'lmc-dev-cert'), log });
  const scheme = https.kind === 'http' ? 'http' : 'https';
  const url = `${scheme}://localhost:${opts.port}/`;
  const [{ default: webpack }, { default: WebpackDevServer }, config] = await Promise.all([
    import('webpack'),
    import('webpack-dev-server'),
    import(pathToFileURL(path.join(root, 'webpack.config.js')).href),
  ]);
  // The manifest in the dev build names the URL actually served (another port, or http as the last resort).
  const webpackConfig = config.default({ devUrl: url }, { mode: 'development' });
  webpackConfig.stats = 'errors-warnings';
  const compiler = webpack(webpackConfig);
  const firstBuild = new Promise<boolean>((resolve) => compiler.hooks.done.tap('lmc-serve', (stats) => resolve(!stats.hasErrors())));
  const server = new WebpackDevServer(
    {
      ...webpackConfig.devServer,
      host: 'localhost',
      port: opts.port,
      server: https.kind === 'http' ? { type: 'http' } : { type: 'https', options: https.options },
    },
    compiler,
  );
  await server.start();
  const ok = await firstBuild;
  if (!ok) log('The development build has errors (shown above); the server keeps running and rebuilds on change.');
  log(sideloadText(url, path.join(root, 'manifest.xml'), https, config.DEV_URL));
  return { url, stop: () => server.stop() };
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (invokedDirectly) {
  let opts: ServeOptions;
  try {
    opts = parseServeArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`npm start: ${(err as Error).message}\nUsage: npm start -- [--port N] [--no-dev-certs]`);
    process.exit(2);
  }
  serve(opts).catch((err: unknown) => {
    const e = err as NodeJS.ErrnoException;
    const msg = e?.code === 'EADDRINUSE' ? `port ${opts.port} is already in use; stop the other server or run npm start -- --port <n>` : (e?.message ?? String(err));
    console.error(`npm start: ${msg}`);
    process.exit(2);
  });
}
