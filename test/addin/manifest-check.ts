/**
 * Structural check of the add-in manifest (Microsoft's validator needs its online service): well-formed XML, ids,
 * resource ids defined and consistent, the shared runtime wiring, https URLs that name the build's files, the
 * LMC namespace and the requirement sets. Returns the problems found; an empty list means the manifest passes.
 */
import { allElements, childrenNamed, parseXml, path, type XmlElement } from './xml.js';

/** Files the build writes, relative to the served root. */
const BUILD_FILES = ['functions.js', 'functions.json', 'taskpane.html'];

// Order of OfficeApp's children in Microsoft's schema (TaskPaneApp), for the elements the manifest uses.
const OFFICEAPP_ORDER = [
  'Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
  'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions',
  'VersionOverrides',
];

const RESID_KIND: Record<string, 'Images' | 'Urls' | 'ShortStrings' | 'LongStrings'> = {
  'bt:Image': 'Images',
  SourceLocation: 'Urls',
  FunctionFile: 'Urls',
  Runtime: 'Urls',
  LearnMoreUrl: 'Urls',
  Namespace: 'ShortStrings',
  Label: 'ShortStrings',
  Title: 'ShortStrings',
  Description: 'LongStrings',
};

/** Checks the manifest text against the expectations above, for an add-in served from `baseUrl` (ending in `/`). */
export function checkManifest(xml: string, baseUrl: string, iconFiles: string[]): string[] {
  const problems: string[] = [];
  const need = (ok: unknown, msg: string): void => {
    if (!ok) problems.push(msg);
  };
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    return [`not well-formed: ${(err as Error).message}`];
  }
  try {
    need(root.name === 'OfficeApp', 'root element is not OfficeApp');
    need(root.attrs.xmlns === 'http://schemas.microsoft.com/office/appforoffice/1.1', 'OfficeApp namespace');
    need(root.attrs['xmlns:bt'] === 'http://schemas.microsoft.com/office/officeappbasictypes/1.0', 'bt namespace');
    need(root.attrs['xsi:type'] === 'TaskPaneApp', 'OfficeApp xsi:type must be TaskPaneApp');

    const order = root.children.map((c) => OFFICEAPP_ORDER.indexOf(c.name));
    need(!order.includes(-1), `unexpected OfficeApp child: ${root.children.filter((c, k) => order[k] < 0).map((c) => c.name)}`);
    need(order.every((v, k) => k === 0 || v > order[k - 1]), 'OfficeApp children are out of schema order');

    need(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(path(root, 'Id').text.trim()), 'Id is not a GUID');
    need(/^\d+(\.\d+){0,3}$/.test(path(root, 'Version').text.trim()), 'Version must be n.n.n.n');
    need(path(root, 'DefaultLocale').text.trim() === 'en-US', 'DefaultLocale must be en-US');
    for (const name of ['DisplayName', 'Description']) {
      const el = path(root, name);
      need(el.attrs.DefaultValue, `${name} has no DefaultValue`);
      const zh = childrenNamed(el, 'Override').find((o) => o.attrs.Locale === 'zh-CN');
      need(zh && /[\u4e00-\u9fff]/.test(zh.attrs.Value ?? ''), `${name} has no zh-CN Override in Chinese`);
      need(el.attrs.DefaultValue?.length <= (name === 'DisplayName' ? 125 : 250), `${name} too long`);
    }
    need(childrenNamed(path(root, 'Hosts'), 'Host').map((h) => h.attrs.Name).join() === 'Workbook', 'Hosts must be Workbook only');
    const sets = new Map(allElements(path(root, 'Requirements')).filter((e) => e.name === 'Set').map((s) => [s.attrs.Name, s.attrs.MinVersion ?? path(root, 'Requirements', 'Sets').attrs.DefaultMinVersion]));
    need(sets.get('SharedRuntime') === '1.1', 'requirement set SharedRuntime 1.1 missing');
    need(sets.get('CustomFunctionsRuntime') === '1.1', 'requirement set CustomFunctionsRuntime 1.1 missing');

    const vo = path(root, 'VersionOverrides');
    need(vo.attrs['xsi:type'] === 'VersionOverridesV1_0', 'VersionOverrides must be VersionOverridesV1_0');
    const hosts = childrenNamed(path(vo, 'Hosts'), 'Host');
    need(hosts.length === 1 && hosts[0].attrs['xsi:type'] === 'Workbook', 'VersionOverrides host must be Workbook');
    const host = hosts[0];

    // Resources: ids unique, at most 32 characters, string lengths within the schema's limits.
    const res = path(vo, 'Resources');
    const defined = new Map<string, { kind: string; value: string; el: XmlElement }>();
    for (const [group, kind, limit] of [
      ['bt:Images', 'Images', 2048], ['bt:Urls', 'Urls', 2048], ['bt:ShortStrings', 'ShortStrings', 125], ['bt:LongStrings', 'LongStrings', 250],
    ] as const) {
      const g = res.children.find((c) => c.name === group);
      for (const item of g?.children ?? []) {
        const id = item.attrs.id;
        need(id && id.length <= 32, `resource id '${id}' missing or longer than 32 characters`);
        need(!defined.has(id), `resource id '${id}' defined twice`);
        need((item.attrs.DefaultValue ?? '').length > 0 && item.attrs.DefaultValue.length <= limit, `resource '${id}' empty or longer than ${limit}`);
        for (const o of item.children) {
          need(o.name === 'bt:Override' && o.attrs.Locale && (o.attrs.Value ?? '').length <= limit, `resource '${id}' has a bad override`);
        }
        defined.set(id, { kind, value: item.attrs.DefaultValue, el: item });
      }
    }

    // Every resid used is defined, in the group its element needs; every resource is used.
    const used = new Set<string>();
    for (const el of allElements(vo)) {
      if (el.attrs.resid === undefined) continue;
      const want = RESID_KIND[el.name];
      const def = defined.get(el.attrs.resid);
      need(def, `<${el.name}> (line ${el.line}) uses resid '${el.attrs.resid}', which is not defined`);
      if (def && want) need(def.kind === want, `<${el.name}> (line ${el.line}) needs a ${want} resource, '${el.attrs.resid}' is ${def.kind}`);
      used.add(el.attrs.resid);
    }
    for (const id of defined.keys()) need(used.has(id), `resource '${id}' is defined but never used`);

    // Shared runtime: one resid for the runtime, the functions page, the function file and the task pane.
    const runtime = path(host, 'Runtimes', 'Runtime');
    need(runtime.attrs.lifetime === 'long', 'Runtime lifetime must be long');
    const cf = childrenNamed(path(host, 'AllFormFactors'), 'ExtensionPoint').find((e) => e.attrs['xsi:type'] === 'CustomFunctions');
    need(cf, 'no CustomFunctions extension point');
    const desktop = path(host, 'DesktopFormFactor');
    const button = allElements(desktop).find((e) => e.name === 'Control' && e.attrs['xsi:type'] === 'Button');
    const action = button && path(button, 'Action');
    need(action?.attrs['xsi:type'] === 'ShowTaskpane', 'the ribbon button must open the task pane');
    // The shared runtime has one task pane, and a ShowTaskpane without a TaskpaneId counts as another one
    // (https://learn.microsoft.com/office/dev/add-ins/develop/configure-your-add-in-to-use-a-shared-runtime, "Multiple task panes").
    need(action && action.children.some((c) => c.name === 'TaskpaneId' && c.text.trim() !== ''), 'the ShowTaskpane action needs a TaskpaneId in the shared runtime');
    const shared = runtime.attrs.resid;
    if (cf && action) {
      const ids = {
        'CustomFunctions Page': path(cf, 'Page', 'SourceLocation').attrs.resid,
        FunctionFile: path(desktop, 'FunctionFile').attrs.resid,
        'ShowTaskpane SourceLocation': path(action, 'SourceLocation').attrs.resid,
      };
      for (const [what, id] of Object.entries(ids)) need(id === shared, `${what} uses '${id}', not the runtime's '${shared}'`);
      const ns = defined.get(path(cf, 'Namespace').attrs.resid);
      need(ns?.value === 'LMC', `custom functions namespace is '${ns?.value}', not LMC`);
      need(defined.get(path(cf, 'Script', 'SourceLocation').attrs.resid)?.value === `${baseUrl}functions.js`, 'functions Script is not functions.js');
      need(defined.get(path(cf, 'Metadata', 'SourceLocation').attrs.resid)?.value === `${baseUrl}functions.json`, 'functions Metadata is not functions.json');
    }
    need(defined.get(shared)?.value === `${baseUrl}taskpane.html`, 'the shared runtime page is not taskpane.html');
    const tab = allElements(desktop).find((e) => e.name === 'OfficeTab');
    need(tab?.attrs.id === 'TabHome', 'the button is not on the Home tab');

    // URLs: https, under the base URL, naming files the build writes (icons: existing files of the stated size).
    const urls: { where: string; url: string; size?: number }[] = [];
    for (const name of ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl']) {
      const el = root.children.find((c) => c.name === name);
      if (el) urls.push({ where: name, url: el.attrs.DefaultValue, size: name === 'IconUrl' ? 32 : name === 'HighResolutionIconUrl' ? 64 : undefined });
    }
    urls.push({ where: 'DefaultSettings', url: path(root, 'DefaultSettings', 'SourceLocation').attrs.DefaultValue });
    for (const [id, d] of defined) {
      if (d.kind === 'Urls') urls.push({ where: id, url: d.value });
      if (d.kind === 'Images') urls.push({ where: id, url: d.value, size: Number(/(\d+)x\d+$/.exec(id)?.[1]) || undefined });
    }
    for (const { where, url, size } of urls) {
      need(url.startsWith('https://'), `${where}: ${url} is not https`);
      need(url.startsWith(baseUrl), `${where}: ${url} is not under ${baseUrl}`);
      const file = url.slice(baseUrl.length);
      const isIcon = file.startsWith('assets/');
      need(isIcon ? iconFiles.includes(file) : BUILD_FILES.includes(file), `${where}: ${file} is not a file of the build`);
      if (isIcon && size) need(file === `assets/icon-${size}.png`, `${where}: ${file} is not the ${size}px icon`);
    }
  } catch (err) {
    problems.push((err as Error).message);
  }
  return problems;
}
