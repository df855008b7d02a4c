/// <reference types="office-js" />
/**
 * The workbook's date system, for the functions that read serial dates. In the shared runtime a custom function may
 * call the Excel JavaScript API to read the workbook
 * (https://learn.microsoft.com/office/dev/add-ins/excel/call-excel-apis-from-custom-function); the system is not a
 * property, so it is probed as the task pane does: DATE(1904,1,1) is serial 0 in the 1904 system, 1462 in the 1900 one.
 */

/** The part of the Office.js globals the probe uses. */
interface OfficeGlobals {
  Office?: { onReady?: () => Promise<unknown> };
  Excel?: { run?: <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T> };
}

let known: Promise<boolean> | null = null;

/**
 * True when the workbook uses the 1904 date system, asked of Excel once per runtime; false where there is no Excel
 * (the standalone page, the tests) or the question fails, in which case it is asked again next time.
 */
export function workbookDate1904(): Promise<boolean> {
  if (known) return known;
  const g = globalThis as OfficeGlobals;
  const run = g.Excel?.run;
  if (typeof run !== 'function') return Promise.resolve(false);
  const asked = (async () => {
    await g.Office?.onReady?.();
    return run(async (ctx) => {
      const probe = ctx.workbook.functions.date(1904, 1, 1);
      probe.load('value');
      await ctx.sync();
      return probe.value === 0;
    });
  })();
  known = asked.catch(() => {
    known = null;
    return false;
  });
  return known;
}

/** Forgets what was found, so the next call asks Excel again (a runtime that hosts another workbook, the tests). */
export function forgetDateSystem(): void {
  known = null;
}
