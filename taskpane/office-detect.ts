/** Where the page runs: inside Excel (with its display language), or in an ordinary browser. */
export type HostKind =
  | { kind: 'excel'; displayLanguage: string | null }
  | { kind: 'standalone'; reason: 'no-office' | 'not-excel' | 'timeout' | 'error' };

/** The part of the Office.js global the detection reads. */
export interface OfficeLike {
  onReady(): Promise<{ host: unknown; platform?: unknown }>;
  HostType?: { Excel?: unknown };
  context?: { displayLanguage?: string };
  /** Office.addin of the shared runtime (SharedRuntime 1.1). */
  addin?: { onVisibilityModeChanged?(handler: (message: { visibilityMode: string }) => void): Promise<unknown> };
}

/**
 * How long Office may take to answer. Outside Office, Office.js resolves onReady at once with no host, so a long
 * wait costs an ordinary browser nothing (https://learn.microsoft.com/office/dev/add-ins/develop/initialize-add-in);
 * inside Excel a slow start (a cold desktop, a busy machine) is not mistaken for a browser.
 */
const OFFICE_READY_TIMEOUT_MS = 30_000;

function hostOf(office: OfficeLike, info: { host: unknown } | null | undefined): HostKind {
  const excel = office.HostType?.Excel ?? 'Excel';
  if (info && info.host === excel) return { kind: 'excel', displayLanguage: office.context?.displayLanguage ?? null };
  return { kind: 'standalone', reason: 'not-excel' };
}

/**
 * Decides the mode: Office.js missing (the CDN script failed, as it does offline) means standalone at once;
 * otherwise `Office.onReady` must answer within `timeoutMs` and name Excel as the host. When it answers only after
 * the timeout and names Excel, `late` hears it, so the page can turn into the pane it should have been.
 */
export async function detectHost(office: OfficeLike | undefined, timeoutMs = OFFICE_READY_TIMEOUT_MS, late?: (host: HostKind) => void): Promise<HostKind> {
  if (!office || typeof office.onReady !== 'function') return { kind: 'standalone', reason: 'no-office' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const ready = office.onReady();
    const info = await Promise.race([ready, timeout]);
    if (info === 'timeout') {
      ready.then((i) => {
        const host = hostOf(office, i);
        if (host.kind === 'excel') late?.(host);
      }, () => undefined);
      return { kind: 'standalone', reason: 'timeout' };
    }
    return hostOf(office, info);
  } catch {
    return { kind: 'standalone', reason: 'error' };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/**
 * Calls `shown` once, when the task pane becomes visible: Office.addin.onVisibilityModeChanged reports it in the
 * shared runtime (https://learn.microsoft.com/javascript/api/office/office.addin#office-office-addin-onvisibilitymodechanged-member(1)),
 * and the page's own visibilitychange where that is all there is.
 */
export function onPaneShown(
  office: OfficeLike | undefined,
  doc: { readonly visibilityState: string; addEventListener(type: 'visibilitychange', listener: () => void): void },
  shown: () => void,
): void {
  let fired = false;
  const fire = () => {
    if (fired) return;
    fired = true;
    shown();
  };
  void office?.addin?.onVisibilityModeChanged?.((m) => {
    if (m.visibilityMode === 'Taskpane') fire();
  })?.catch(() => undefined);
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState === 'visible') fire();
  });
}
