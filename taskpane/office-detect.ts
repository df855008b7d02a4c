/** Where the page runs: inside Excel (with its display language), or in an ordinary browser. */
export type HostKind =
  | { kind: 'excel'; displayLanguage: string | null }
  | { kind: 'standalone'; reason: 'no-office' | 'not-excel' | 'timeout' | 'error' };

/** The part of the Office.js global the detection reads. */
export interface OfficeLike {
  onReady(): Promise<{ host: unknown; platform?: unknown }>;
  HostType?: { Excel?: unknown };
  context?: { displayLanguage?: string };
}

/**
 * Decides the mode: Office.js missing (the CDN script failed, as it does offline) means standalone at once;
 * otherwise `Office.onReady` must answer within `timeoutMs` and name Excel as the host.
 */
export async function detectHost(office: OfficeLike | undefined, timeoutMs = 4000): Promise<HostKind> {
  if (!office || typeof office.onReady !== 'function') return { kind: 'standalone', reason: 'no-office' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const info = await Promise.race([office.onReady(), timeout]);
    if (info === 'timeout') return { kind: 'standalone', reason: 'timeout' };
    const excel = office.HostType?.Excel ?? 'Excel';
    if (info && info.host === excel) return { kind: 'excel', displayLanguage: office.context?.displayLanguage ?? null };
    return { kind: 'standalone', reason: 'not-excel' };
  } catch {
    return { kind: 'standalone', reason: 'error' };
  } finally {
    if (timer) clearTimeout(timer);
  }
}
