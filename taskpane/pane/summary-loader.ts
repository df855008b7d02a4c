/** The Summary tab's code (views, reading the sheets, the quarter's use cases), as one module loaded on demand. */
export type SummaryTab = typeof import('./summary-tab.js');

let loaded: SummaryTab | null = null;
let loading: Promise<SummaryTab> | null = null;

/** The Summary tab's code once it has loaded, else null (the view shows that it is loading). */
export function summaryTab(): SummaryTab | null {
  return loaded;
}

/** Loads the Summary tab's code once; a failed load is not kept, so the next try loads again. */
export function loadSummaryTab(): Promise<SummaryTab> {
  loading ??= import('./summary-tab.js').then(
    (m) => (loaded = m),
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}
