import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEV_URL, productionUrl, rewriteManifest } from '../../webpack.config.js';
import { checkManifest } from './manifest-check.js';
import { parseXml } from './xml.js';
import { ICON_SIZES } from './make-icons.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = readFileSync(path.join(root, 'manifest.xml'), 'utf8');
const icons = readdirSync(path.join(root, 'assets')).map((f) => `assets/${f}`);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(b.toString('ascii', 12, 16)).toBe('IHDR');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('manifest.xml', () => {
  it('passes the structural check for the dev URL', () => {
    expect(checkManifest(manifest, DEV_URL, icons)).toEqual([]);
  });

  it('has an icon of each size the manifest names, with that size', () => {
    for (const s of ICON_SIZES) expect(pngSize(path.join(root, 'assets', `icon-${s}.png`))).toEqual([s, s]);
  });

  it('names the add-in in English and Chinese', () => {
    const app = parseXml(manifest);
    const display = app.children.find((c) => c.name === 'DisplayName')!;
    expect(display.attrs.DefaultValue).toBe('LMC Action Plan Tracker');
    expect(display.children[0].attrs).toEqual({ Locale: 'zh-CN', Value: '澜湄合作行动计划追踪' });
  });

  // The check must be able to fail: each broken variant is caught with a message that says what is wrong.
  it.each([
    ['unclosed tag', (x: string) => x.replace('</Hosts>\n  <Requirements>', '<Requirements>'), /not well-formed/],
    ['undefined resid', (x: string) => x.replace('<bt:Url id="Functions.Metadata.Url"', '<bt:Url id="Functions.Meta.Url"'), /uses resid 'Functions.Metadata.Url', which is not defined/],
    ['runtime resid differs from the page', (x: string) => x.replace('<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="GetStarted.LearnMoreUrl"/>'), /FunctionFile uses 'GetStarted.LearnMoreUrl'/],
    ['plain http', (x: string) => x.replace('https://localhost:3000/functions.js', 'http://localhost:3000/functions.js'), /is not https/],
    ['file the build does not write', (x: string) => x.replace('localhost:3000/functions.json', 'localhost:3000/function.json'), /function.json is not a file of the build/],
    ['wrong namespace', (x: string) => x.replace('id="Functions.Namespace" DefaultValue="LMC"', 'id="Functions.Namespace" DefaultValue="CONTOSO"'), /namespace is 'CONTOSO'/],
    ['missing requirement set', (x: string) => x.replace('<Set Name="CustomFunctionsRuntime" MinVersion="1.1"/>', ''), /CustomFunctionsRuntime 1.1 missing/],
    ['string resource used as a URL', (x: string) => x.replace('<LearnMoreUrl resid="GetStarted.LearnMoreUrl"/>', '<LearnMoreUrl resid="GetStarted.Title"/>'), /needs a Urls resource/],
    ['bad id', (x: string) => x.replace(/<Id>[^<]+<\/Id>/, '<Id>lmc</Id>'), /Id is not a GUID/],
    ['long resource id', (x: string) => x.replaceAll('Functions.Metadata.Url', 'Functions.Metadata.Url.Of.The.Add.In'), /longer than 32/],
    ['unused resource', (x: string) => x.replace('<bt:Urls>', '<bt:Urls>\n<bt:Url id="Spare.Url" DefaultValue="https://localhost:3000/taskpane.html"/>'), /'Spare.Url' is defined but never used/],
    ['ShowTaskpane without a TaskpaneId', (x: string) => x.replace('<TaskpaneId>LmcTaskpane</TaskpaneId>', ''), /needs a TaskpaneId/],
    ['icon of the wrong size', (x: string) => x.replace('<bt:Image id="Icon.80x80" DefaultValue="https://localhost:3000/assets/icon-80.png"/>', '<bt:Image id="Icon.80x80" DefaultValue="https://localhost:3000/assets/icon-64.png"/>'), /not the 80px icon/],
  ])('reports a manifest with %s', (_name, mutate, message) => {
    const broken = mutate(manifest);
    expect(broken).not.toBe(manifest);
    const problems = checkManifest(broken, DEV_URL, icons);
    expect(problems.join('\n')).toMatch(message);
  });
});

describe('production URL', () => {
  it('replaces every occurrence of the dev URL', () => {
    const url = productionUrl('https://addin.example.org/lmc');
    expect(url).toBe('https://addin.example.org/lmc/');
    const out = rewriteManifest(manifest, url);
    expect(out).not.toContain('localhost');
    expect(out.split(url).length - 1).toBe(manifest.split(DEV_URL).length - 1);
    expect(checkManifest(out, url, icons)).toEqual([]);
  });

  it('keeps the dev URL when ADDIN_URL is not set', () => {
    expect(productionUrl(undefined)).toBe(DEV_URL);
    expect(rewriteManifest(manifest, DEV_URL)).toBe(manifest);
  });

  it.each([
    ['http://addin.example.org/', /must use https/],
    ['addin.example.org', /absolute https URL/],
    ['https://addin.example.org/?v=1', /query or fragment/],
  ])('refuses ADDIN_URL %s', (value, message) => {
    expect(() => productionUrl(value)).toThrow(message);
  });

  it('escapes XML special characters of the URL', () => {
    const out = rewriteManifest(manifest, 'https://example.org/a&b/');
    expect(out).toContain('https://example.org/a&amp;b/functions.js');
    expect(checkManifest(out, 'https://example.org/a&b/', icons)).toEqual([]);
  });
});
