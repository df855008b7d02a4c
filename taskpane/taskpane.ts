/// <reference types="office-js" />
import { langFromLocale, strings } from './i18n.js';
import { type Lang } from '../src/model/lang.js';
import { localToday } from '../src/model/today.js';
import { detectHost, onPaneShown, type HostKind, type OfficeLike } from './office-detect.js';

// Each mode imports only what it needs: inside Excel the pane and the Office.js adapter (the core and catalog come
// with functions.js), outside it the standalone validator, whose file tools bring SheetJS with the first file.
async function main(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const params = new URLSearchParams(location.search);
  const forced = params.get('lang');
  const pick = (locale: string | null | undefined): Lang => (forced === 'zh' || forced === 'en' ? forced : langFromLocale(locale));
  const today = localToday();

  if (params.has('demo')) {
    const { mountDemo } = await import('./demo/demo.js');
    mountDemo(root, { lang: pick(navigator.language), today });
    return;
  }
  const office = (globalThis as { Office?: OfficeLike }).Office;
  const mountExcel = async (host: Extract<HostKind, { kind: 'excel' }>): Promise<void> => {
    const [{ createExcelHost }, { mountPane }] = await Promise.all([import('./sheet-host/excel-adapter.js'), import('./pane/mount-pane.js')]);
    const requirements = Office.context.requirements;
    root.replaceChildren();
    mountPane(root, {
      host: createExcelHost({
        excel: Excel,
        settings: Office.context.document.settings,
        isSetSupported: (name, version) => requirements.isSetSupported(name, version),
      }),
      lang: pick(host.displayLanguage),
      mode: 'excel',
      today,
      whenShown: (shown) => onPaneShown(office, document, shown),
    });
  };
  // An Office that answers after the timeout turns the standalone page back into the pane.
  const host = await detectHost(office, undefined, (late) => void mountExcel(late as Extract<HostKind, { kind: 'excel' }>));
  if (host.kind === 'excel') return mountExcel(host);
  const lang = pick(navigator.language);
  const { mountStandalone } = await import('./standalone/mount-standalone.js');
  mountStandalone(root, { lang, today, note: host.reason === 'timeout' ? strings(lang).officeTimeout : undefined });
}

void main().catch((err) => {
  const root = document.getElementById('app');
  if (root) root.textContent = `Error: ${err instanceof Error ? err.message : String(err)}`;
});
