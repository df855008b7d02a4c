// Quarter summaries and diffs for the HTML page tests and the README screenshot: the two generated quarters, and a
// quarter whose file name, ids and activity names try to break out of the page.
import type { Cell } from '../../src/model/workbook.js';
import { checkFile } from '../../src/use-cases/check-file.js';
import { diffQuarters, type QuarterDiff } from '../../src/use-cases/diff.js';
import { submissionOf, summariseQuarter, unreadableSubmission, type QuarterSummary, type Submission } from '../../src/use-cases/summary.js';
import { validateWorkbook } from '../../src/use-cases/validate-workbook.js';
import { quarterOne, quarterTwo } from '../quarter/fixtures.js';

function submissions(files: Record<string, Uint8Array>, asOf: string): Submission[] {
  return Object.entries(files).map(([name, bytes]) => {
    const c = checkFile(bytes, name, asOf);
    return c.ok ? submissionOf(name, c.validation, asOf) : unreadableSubmission(name);
  });
}

/** The newer generated quarter, with the changes since the older one. */
export function twoQuarterSummary(): QuarterSummary {
  const q1 = submissions(quarterOne(), '2025-03-31');
  const q2 = submissions(quarterTwo(), '2025-06-30');
  const s = summariseQuarter(q2, '2025-06-30');
  s.changes = diffQuarters(q1, q2);
  return s;
}

/** The changes between the two generated quarters. */
export function twoQuarterDiff(): QuarterDiff {
  return diffQuarters(submissions(quarterOne(), '2025-03-31'), submissions(quarterTwo(), '2025-06-30'));
}

/** Text that ends a script block, opens markup or breaks a JavaScript line if it is not escaped. */
export const HOSTILE_NAME = '</script><script>window.pwned=1</script><img src=x onerror="window.pwned=2">\u2028&amp;';
/** A file name with markup in it. */
export const HOSTILE_FILE = '<img src=x onerror="window.pwned=3">.xlsx';

/** A quarter of one hostile file and one plain file (an unreadable one too), with a hostile id in the changes. */
export function hostileSummary(): QuarterSummary {
  const s = (v: string): Cell => ({ t: 's', v });
  const header = ['活动编号', '活动名称', '对应条款', '牵头国家', '开始日期', '结束日期', '实施状态', '完成进度'].map(s);
  const rows = [
    [s('KH-2025-001'), s(HOSTILE_NAME), s('4.2.12'), s('柬埔寨'), s('2025-01-01'), s('2025-12-31'), s('进行中'), s('40%')],
    [s('<b>x</b>'), s('=HYPERLINK("http://evil.example","x")'), s('4.2.12'), s('柬埔寨'), s('2025-01-01'), s('2025-12-31'), s('进行中'), s('40%')],
    [s('KH-2025-003'), s('</SCRIPT>'), s('4.2.5'), s('<script>window.pwned=4</script>'), s('2025-01-01'), s('2025-12-31'), s('进行中'), s('40%')],
  ];
  const v = validateWorkbook({ date1904: false, findings: [], sheets: [{ name: '活动清单', visibility: 'visible', rows: [header, ...rows] }] }, { asOf: '2025-06-30' });
  const hostile = submissionOf(HOSTILE_FILE, v, '2025-06-30');
  const q = [hostile, unreadableSubmission('<b>broken</b>.xlsx')];
  const summary = summariseQuarter(q, '2025-06-30');
  summary.changes = diffQuarters([], q);
  return summary;
}
