import { renderMessage } from '../messages/index.js';
import type { Severity } from '../model/finding.js';
import { parseA1 } from '../model/a1.js';
import { LABELS } from '../messages/labels.js';
import { type Lang } from '../model/lang.js';
import { capFindings, countByCode, fileSeverityCounts, linePieces, summariseBatch, type FileResult, type ReportWriter } from './model.js';
import { escapeHtml, safeField } from './safe-text.js';
import { SORTABLE_TABLE_SCRIPT, SORTABLE_TABLE_STYLE, sortableHeader } from './sortable-table.js';

/** Options of the HTML report. */
export interface HtmlReportOptions {
  lang: Lang;
  asOf: string;
  /** Date the report was made (`YYYY-MM-DD`); the only other varying part of the page. */
  generated: string;
  maxFindings?: number;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Microsoft YaHei","PingFang SC",sans-serif;margin:24px;color:#1b1f24}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
.meta{color:#57606a;margin:0 0 12px}
.summary{font-weight:600}
table{border-collapse:collapse;width:100%;margin:8px 0}table.codes{width:auto}caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa;white-space:nowrap}
${SORTABLE_TABLE_STYLE}
td.msg,td.val{white-space:pre-wrap;word-break:break-word}
.sev-error{color:#cf222e;font-weight:600}.sev-warning{color:#9a6700;font-weight:600}.sev-info{color:#0969da}
.status-unreadable{color:#cf222e;font-weight:600}
.filters{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin:8px 0}
.filters input{min-width:16em}
.note{color:#57606a}
`;

function cellSortKey(cell: string | null): number {
  const p = cell ? parseA1(cell) : null;
  return p ? (p.row + 1) * 20000 + p.col : -1;
}

const h = escapeHtml;

/** The lines of one self-contained HTML page (inline CSS and script, no external resources) with a sortable, filterable findings table. */
function renderHtmlLines(results: readonly FileResult[], opts: HtmlReportOptions): string[] {
  const L = LABELS[opts.lang];
  const s = summariseBatch(results);
  const out: string[] = [];
  out.push('<!DOCTYPE html>');
  out.push(`<html lang="${opts.lang === 'zh' ? 'zh-CN' : 'en'}">`);
  out.push('<head><meta charset="utf-8">');
  out.push(
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`,
  );
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>${h(L.title)}</title><style>${STYLE}</style></head><body>`);
  out.push(`<h1>${h(L.title)}</h1>`);
  out.push(`<p class="meta">${h(L.asOf)}: ${h(opts.asOf)} · ${h(L.generated)}: ${h(opts.generated)}</p>`);
  out.push(`<p class="summary">${h(L.summary(s.files, s.unreadable, s.error, s.warning, s.info))}</p>`);
  const byCode = countByCode(results);
  if (byCode.length > 0) {
    out.push(`<table class="codes"><caption>${h(L.byCode)}</caption><thead><tr><th scope="col">${h(L.code)}</th><th scope="col">${h(L.severity)}</th><th scope="col">${h(L.findings)}</th></tr></thead><tbody>`);
    for (const c of byCode) out.push(`<tr><td>${h(c.code)}</td><td class="sev-${c.severity}">${h(L[c.severity])}</td><td>${c.count}</td></tr>`);
    out.push('</tbody></table>');
  }

  out.push('<table class="files"><thead><tr>');
  for (const label of [L.file, L.status, L.sheet, L.headerRow, L.dataRows, L.blankRows, L.error, L.warning, L.info]) {
    out.push(`<th>${h(label)}</th>`);
  }
  out.push('</tr></thead><tbody>');
  const codes = new Set<string>();
  const findingRows: string[] = [];
  for (const r of results) {
    const c = fileSeverityCounts(r);
    const { shown, omitted } = capFindings(r, opts.maxFindings);
    const status = r.status === 'ok' ? L.ok : L.unreadable;
    out.push(
      `<tr><td>${h(safeField(r.file))}</td><td class="status-${r.status}">${h(status)}</td>` +
        `<td>${h(safeField(r.sheet ?? '—'))}</td><td>${r.headerRow ?? '—'}</td><td>${r.rows}</td><td>${r.blankRows}</td>` +
        `<td class="sev-error">${c.error}</td><td class="sev-warning">${c.warning}</td><td class="sev-info">${c.info}</td></tr>`,
    );
    if (omitted > 0) out.push(`<tr><td colspan="9" class="note">${h(L.omitted(omitted, opts.maxFindings ?? r.findings.length))}</td></tr>`);
    for (const f of shown) {
      codes.add(f.code);
      const value = f.value === null || f.value === undefined ? '' : safeField(String(f.value));
      findingRows.push(
        `<tr data-sev="${f.severity}" data-code="${h(f.code)}">` +
          `<td>${h(safeField(r.file))}</td><td>${h(safeField(f.sheet ?? r.sheet ?? ''))}</td>` +
          `<td data-sort="${f.row ?? -1}">${f.row ?? '—'}</td>` +
          `<td data-sort="${cellSortKey(f.cell)}">${h(f.cell ?? '—')}</td>` +
          `<td data-sort="${SEVERITY_ORDER[f.severity]}" class="sev-${f.severity}">${h(L[f.severity])}</td>` +
          `<td>${h(f.code)}</td><td class="msg">${h(safeField(renderMessage(f, opts.lang)))}</td>` +
          `<td class="val">${h(value)}</td></tr>`,
      );
    }
  }
  out.push('</tbody></table>');

  out.push(`<h2>${h(L.findings)}</h2>`);
  if (findingRows.length === 0) {
    out.push(`<p>${h(L.noFindings)}</p>`);
  } else {
    out.push('<div class="filters">');
    out.push(
      `<label>${h(L.severity)} <select id="f-sev" data-filter-for="findings" data-attr="data-sev"><option value="">${h(L.all)}</option>` +
        (['error', 'warning', 'info'] as const).map((v) => `<option value="${v}">${h(L[v])}</option>`).join('') +
        '</select></label>',
    );
    out.push(
      `<label>${h(L.code)} <select id="f-code" data-filter-for="findings" data-attr="data-code"><option value="">${h(L.all)}</option>` +
        [...codes].sort().map((c) => `<option value="${h(c)}">${h(c)}</option>`).join('') +
        '</select></label>',
    );
    out.push(`<input id="f-text" type="search" data-filter-for="findings" placeholder="${h(L.filter)}" aria-label="${h(L.filter)}">`);
    out.push(`<span class="note">${h(L.shown)}: <span id="f-count" data-count-for="findings"></span> · ${h(L.sortHint)}</span></div>`);
    out.push('<table id="findings" class="sortable"><thead><tr>');
    for (const label of [L.file, L.sheet, L.row, L.cell, L.severity, L.code, L.message, L.value]) out.push(sortableHeader(label));
    out.push('</tr></thead><tbody>');
    for (const row of findingRows) out.push(row);
    out.push('</tbody></table>');
    out.push(`<script>${SORTABLE_TABLE_SCRIPT}</script>`);
  }
  out.push('</body></html>');
  return out;
}

/** Renders one self-contained HTML page (see renderHtmlLines). */
export function renderHtml(results: readonly FileResult[], opts: HtmlReportOptions): string {
  return `${renderHtmlLines(results, opts).join('\n')}\n`;
}

/** The HTML report as a writer: the page lists every file before the findings, so it is made once every file is in. */
export function htmlReportWriter(opts: HtmlReportOptions): ReportWriter {
  const results: FileResult[] = [];
  return {
    file(r) {
      results.push(r);
      return [];
    },
    end: () => linePieces(renderHtmlLines(results, opts)),
  };
}
