import { ASSESSMENT_LABELS } from '../assess/labels.js';
import { getClause } from '../catalog/index.js';
import { countryName, fundingName, num, statusName } from '../messages/format.js';
import { renderMessage } from '../messages/index.js';
import { CHANGE_NAMES, changeMessage } from '../messages/quarter.js';
import { QUARTER_HTML_LABELS, QUARTER_LABELS, UNCOUNTED_REASONS } from '../messages/quarter-labels.js';
import type { Severity } from '../model/finding.js';
import type { Lang } from '../model/lang.js';
import { CHANGE_SEVERITY, REGRESSIONS, type Change, type ChangeKind } from '../model/quarter.js';
import { SORTABLE_TABLE_SCRIPT, SORTABLE_TABLE_STYLE, sortableHeader } from './sortable-table.js';
import { COUNTRY_CODES, FUNDING_KEYS, type CountryCode } from '../schema/enums.js';
import { ASSESSMENT_VALUES } from '../schema/columns.js';
import type { QuarterDiff } from '../use-cases/diff.js';
import type { CountedActivity, CoverageRow, QuarterSummary, UncountedRow } from '../use-cases/summary.js';
import type { FileResult } from './model.js';
import { HEAT_BINS, heatBin, INK, stackedBars, type Series } from './quarter-charts.js';
import { escapeHtml, safeField } from './safe-text.js';
import { jsonForScript } from './script-json.js';

/** What the HTML pages are given besides the summary or diff. */
export interface QuarterHtmlOptions {
  lang: Lang;
  /** The day the page is made, `YYYY-MM-DD`. */
  generated: string;
  /** Each file's validation, for the reason a file could not be read. */
  results?: readonly FileResult[];
}

const h = escapeHtml;
/** Text from a file (name, id, activity): escaped, on one line, never a formula. */
const t = (s: string): string => h(safeField(s));

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const KIND_ORDER = Object.keys(CHANGE_SEVERITY) as ChangeKind[];

const ASSESSMENT_COLOURS: Record<(typeof ASSESSMENT_VALUES)[number] | 'unassessed', string> = {
  Completed: '#009e73',
  'On track': '#56b4e9',
  Overdue: '#c0392b',
  'Not started': '#cfd4da',
  'Late start': '#e69f00',
  Delayed: '#f0e442',
  Cancelled: '#57606a',
  unassessed: '#f3f4f6',
};

const FUNDING_COLOURS: Record<(typeof FUNDING_KEYS)[number] | 'unspecified', string> = {
  special_fund: '#0072b2',
  development_loan: '#cc79a7',
  national_budget: '#009e73',
  other: '#e69f00',
  unspecified: '#cfd4da',
};

const STYLE = `
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:${INK};background:#fff}
main{max-width:1400px;margin:0 auto;padding:20px 24px 40px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid #d0d7de}
h3{font-size:14px;margin:12px 0 6px}
.meta{color:#57606a;margin:0 0 12px}
.kpis{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0;padding:0;list-style:none}
.kpis li{border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;min-width:120px;background:#f6f8fa}
.kpis b{display:block;font-size:22px;line-height:1.2}
.kpis .bad b{color:#cf222e}
table{border-collapse:collapse;margin:8px 0}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:#f6f8fa}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.sev-error{color:#cf222e;font-weight:600}.sev-warning{color:#8a5a00;font-weight:600}.sev-info{color:#0969da}
.status-unreadable{color:#cf222e;font-weight:600}
code{font:12px ui-monospace,SFMono-Regular,Consolas,monospace;background:#f6f8fa;padding:0 3px;border-radius:3px}
.note{color:#57606a}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.cov{display:grid;grid-template-columns:minmax(0,1fr) 400px;gap:20px;align-items:start}
table.heat{width:100%;table-layout:fixed}
table.heat th,table.heat td{padding:0;border-color:#fff;border-width:2px}
table.heat thead th{background:#fff;text-align:center;font-size:13px;padding:4px 2px;vertical-align:bottom}
table.heat thead th:first-child{text-align:left;width:38%}
table.heat th[scope=row]{padding:3px 8px;background:#fff;font-weight:400;border-bottom:1px solid #eaeef2}
table.heat th[scope=rowgroup]{padding:10px 8px 3px;background:#fff;font-weight:600;color:#57606a;font-size:12px}
table.heat .cl{font:600 12px ui-monospace,SFMono-Regular,Consolas,monospace;margin-right:6px}
table.heat td,table.heat th[scope=row]{vertical-align:middle}
table.heat td{text-align:center;font-weight:600;font-variant-numeric:tabular-nums;height:28px}
table.heat td.h0 .n{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap}
table.heat td.tot{background:#fff;color:${INK};text-align:right;padding-right:8px;border-bottom:1px solid #eaeef2}
table.heat tfoot th,table.heat tfoot td{background:#f6f8fa;color:${INK};font-weight:600;padding:4px 8px;text-align:center}
table.heat tfoot th{text-align:left}
table.heat button{display:block;width:100%;height:100%;min-height:28px;border:0;margin:0;padding:0;font:inherit;color:inherit;background:transparent;cursor:pointer}
table.heat button:hover{box-shadow:inset 0 0 0 2px ${INK}}
table.heat button[aria-pressed=true]{box-shadow:inset 0 0 0 3px #cf222e}
button:focus-visible,summary:focus-visible,select:focus-visible,input:focus-visible{outline:3px solid #bf3989;outline-offset:1px}
${HEAT_BINS.map((b, i) => `.h${i}{background:${b.bg};color:${b.fg}}`).join('\n')}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;margin:6px 0;padding:0;font-size:13px;align-items:center}
.legend .swatch{display:inline-block;width:14px;height:14px;border:1px solid #8c959f;margin-right:5px;vertical-align:-2px}
.heat-legend .swatch{width:26px}
.panel{position:sticky;top:12px;border:1px solid #d0d7de;border-radius:6px;padding:4px 14px 12px;background:#fff;max-height:calc(100vh - 24px);overflow:auto}
.panel ol{margin:8px 0 0;padding-left:22px}
.panel li{margin:0 0 8px}
.panel .id{font:600 12px ui-monospace,SFMono-Regular,Consolas,monospace;margin-right:6px}
.panel .meta{display:block;color:#57606a;font-size:12px}
.grid2{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:28px}
figure.chart{margin:0}
figure.chart svg{display:block;max-width:640px;overflow:visible}
svg text{font-family:inherit;font-size:12px;fill:${INK}}
svg text.seg{font-weight:600}svg text.tick{fill:#57606a;font-size:11px}
svg .grid{stroke:#eaeef2}svg .axis{stroke:#8c959f}
details{margin:4px 0}summary{cursor:pointer;color:#0969da}
ul.cols{columns:3 280px;margin:6px 0;padding-left:20px}
ul.cols .cl,td .cl{font:600 12px ui-monospace,SFMono-Regular,Consolas,monospace;margin-right:6px}
.filters{display:flex;gap:10px;align-items:center;flex-wrap:wrap;margin:8px 0}
.filters input{min-width:16em}
table.sortable{width:100%}
${SORTABLE_TABLE_STYLE}
td.msg{word-break:break-word}td.nw{white-space:nowrap}
section.files h2{margin-top:16px}
dl.files{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}dl.files dt{font-weight:600}dl.files dd{margin:0}
@page{size:A4 landscape;margin:10mm}
@media (max-width:1000px){.cov,.grid2{grid-template-columns:1fr}.panel{position:static;max-height:none}}
@media print{
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-size:10.5px}main{max-width:none;padding:0}
.cov{grid-template-columns:1fr}.panel:not(.has),.filters,.hint,details:not([open]){display:none}
.panel{position:static;max-height:none;overflow:visible}
h2{break-after:avoid}figure,.kpis,.legend,tr{break-inside:avoid}thead{display:table-header-group}
section.page{break-before:page}
table.heat td{height:20px}table.heat button{min-height:20px}
}
`;

// Static code only: the data it works on is the embedded JSON block and the tables' DOM, never interpolated here.
const SCRIPT = `
(function(){
var dataEl=document.getElementById('lmc-data');
if(dataEl){
var data=JSON.parse(dataEl.textContent);
var panel=document.getElementById('cell-panel'),cap=document.getElementById('cell-caption'),list=document.getElementById('cell-list');
var current=null;
function show(b){
var key=b.getAttribute('data-cell');
var items=Object.prototype.hasOwnProperty.call(data.cells,key)?data.cells[key]:[];
if(current)current.setAttribute('aria-pressed','false');
current=b;b.setAttribute('aria-pressed','true');
cap.textContent=b.getAttribute('data-caption');
while(list.firstChild)list.removeChild(list.firstChild);
items.forEach(function(a){var li=document.createElement('li');
[['id',a.id],['name',a.name],['meta',a.meta]].forEach(function(p){var s=document.createElement('span');s.className=p[0];s.textContent=p[1];li.appendChild(s);li.appendChild(document.createTextNode(' '));});
list.appendChild(li);});
list.hidden=items.length===0;panel.classList.add('has');
}
Array.prototype.forEach.call(document.querySelectorAll('button[data-cell]'),function(b){b.addEventListener('click',function(){show(b);});});
}
})();
`;

function page(lang: Lang, title: string, body: string[], data?: unknown): string {
  const out: string[] = [];
  out.push('<!DOCTYPE html>');
  out.push(`<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`);
  out.push('<head><meta charset="utf-8">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`);
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>${h(title)}</title><style>${STYLE}</style></head><body><main>`);
  for (const line of body) out.push(line);
  out.push('</main>');
  if (data !== undefined) out.push(`<script type="application/json" id="lmc-data">${jsonForScript(data)}</script>`);
  out.push(`<script>${SCRIPT}${SORTABLE_TABLE_SCRIPT}</script>`);
  out.push('</body></html>');
  return `${out.join('\n')}\n`;
}

function kpis(items: readonly { n: number | string; label: string; bad?: boolean }[]): string {
  return `<ul class="kpis">${items.map((k) => `<li${k.bad ? ' class="bad"' : ''}><b>${h(String(k.n))}</b>${h(k.label)}</li>`).join('')}</ul>`;
}

function severityCell(s: Severity, lang: Lang): string {
  return `<td data-sort="${SEVERITY_ORDER[s]}" class="sev-${s} nw">${h(QUARTER_LABELS[lang][s])}</td>`;
}

function reasonText(r: UncountedRow['reasons'][number], lang: Lang): string {
  return r in UNCOUNTED_REASONS ? h(UNCOUNTED_REASONS[r as keyof typeof UNCOUNTED_REASONS][lang]) : `<code>${h(r)}</code>`;
}

function filesSection(s: QuarterSummary, opts: QuarterHtmlOptions): string[] {
  const L = QUARTER_LABELS[opts.lang];
  const H = QUARTER_HTML_LABELS[opts.lang];
  const out: string[] = [`<section aria-labelledby="s-files" class="grid2 files"><div><h2 id="s-files">${h(L.files)}</h2>`];
  out.push(`<table class="files"><thead><tr><th scope="col">${h(L.file)}</th><th scope="col">${h(L.country)}</th><th scope="col">${h(H.fileStatus)}</th>`);
  out.push(`<th scope="col" class="n">${h(L.rows)}</th><th scope="col" class="n">${h(L.counted)}</th>`);
  out.push(`<th scope="col" class="n">${h(H.errors)}</th><th scope="col" class="n">${h(H.warnings)}</th><th scope="col" class="n">${h(H.infos)}</th></tr></thead><tbody>`);
  for (const f of s.files) {
    let status = h(H.fileOk);
    if (f.status === 'unreadable') {
      const finding = opts.results?.find((r) => r.file === f.file)?.findings[0];
      status = h(L.unreadable) + (finding ? ` — ${t(renderMessage(finding, opts.lang))}` : '');
    }
    out.push(
      `<tr><td>${t(f.file)}</td><td>${h(f.country ? countryName(f.country, opts.lang) : '—')}</td><td class="status-${f.status}">${status}</td>` +
        `<td class="n">${f.rows}</td><td class="n">${f.counted}</td>` +
        `<td class="n sev-error">${f.counts.error}</td><td class="n sev-warning">${f.counts.warning}</td><td class="n sev-info">${f.counts.info}</td></tr>`,
    );
  }
  out.push('</tbody></table></div><div>');
  const uncounted = s.files.flatMap((f) => f.uncounted.map((u) => ({ file: f.file, u })));
  out.push(`<h2 id="s-uncounted">${h(L.uncounted)}</h2>`);
  if (uncounted.length === 0) {
    out.push(`<p>${h(H.noUncounted)}</p>`);
  } else {
    out.push(`<table class="uncounted"><thead><tr><th scope="col">${h(L.file)}</th><th scope="col" class="n">${h(L.row)}</th><th scope="col">${h(H.activityId)}</th><th scope="col">${h(L.reasons)}</th></tr></thead><tbody>`);
    for (const { file, u } of uncounted) {
      out.push(`<tr><td>${t(file)}</td><td class="n">${u.row}</td><td class="nw">${u.activityId === null ? '—' : t(u.activityId)}</td><td>${u.reasons.map((r) => reasonText(r, opts.lang)).join(', ')}</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  out.push('</div></section>');
  return out;
}

/** One counted activity as the coverage panel lists it (already localised and made safe). */
interface PanelItem {
  id: string;
  name: string;
  meta: string;
}

function panelItem(a: CountedActivity, lang: Lang): PanelItem {
  const H = QUARTER_HTML_LABELS[lang];
  const v = a.record.values;
  const status = v.status ? statusName(v.status, lang) : '—';
  const assessment = a.record.assessment ? ASSESSMENT_LABELS[a.record.assessment][lang] : H.notAssessed;
  return {
    id: safeField(a.id),
    name: safeField(v.activity ?? '—'),
    meta: H.panelMeta(status, assessment, H.place(safeField(a.file), a.record.row)),
  };
}

function heatCell(row: CoverageRow, c: CountryCode, lang: Lang): string {
  const H = QUARTER_HTML_LABELS[lang];
  const n = row.byCountry[c];
  const attrs = `class="h${heatBin(n)}" data-clause="${h(row.clause)}" data-country="${c}" data-count="${n}"`;
  if (n === 0) return `<td ${attrs}><span class="n">0</span></td>`;
  const caption = H.cellCaption(row.clause, row.title[lang], countryName(c, lang), n);
  return (
    `<td ${attrs}><button type="button" data-cell="${h(`${row.clause}|${c}`)}" data-caption="${h(caption)}" aria-pressed="false">` +
    `<span class="n">${n}</span><span class="sr-only"> — ${h(H.cellName(row.clause, countryName(c, lang)))}</span></button></td>`
  );
}

function coverageSection(s: QuarterSummary, lang: Lang): { html: string[]; cells: Record<string, PanelItem[]> } {
  const L = QUARTER_LABELS[lang];
  const H = QUARTER_HTML_LABELS[lang];
  const out: string[] = [`<section aria-labelledby="s-coverage"><h2 id="s-coverage">${h(L.coverage)}</h2>`];
  out.push(`<p class="note hint">${h(H.heatHint)}</p>`);
  out.push(`<ul class="legend heat-legend" aria-label="${h(H.legend)}"><li>${h(H.legend)}:</li>`);
  HEAT_BINS.forEach((b, i) => out.push(`<li><span class="swatch h${i}" aria-hidden="true"></span>${h(b.label)}</li>`));
  out.push('</ul>');
  out.push('<div class="cov"><div>');
  out.push(`<table class="heat" id="heat"><caption class="sr-only">${h(H.heatCaption)}</caption><thead><tr><th scope="col">${h(L.clause)}</th>`);
  for (const c of COUNTRY_CODES) out.push(`<th scope="col">${h(countryName(c, lang))}</th>`);
  out.push(`<th scope="col" class="n">${h(L.total)}</th></tr></thead>`);
  let group: string | null | undefined;
  for (const row of s.coverage) {
    const parent = getClause(row.clause)?.parent ?? null;
    if (parent !== group) {
      if (group !== undefined) out.push('</tbody>');
      out.push('<tbody>');
      const p = parent ? getClause(parent) : undefined;
      if (p) out.push(`<tr><th scope="rowgroup" colspan="${COUNTRY_CODES.length + 2}">${h(p.id)} ${h(p.title[lang])}</th></tr>`);
      group = parent;
    }
    out.push(`<tr><th scope="row"><span class="cl">${h(row.clause)}</span>${h(row.title[lang])}</th>`);
    for (const c of COUNTRY_CODES) out.push(heatCell(row, c, lang));
    out.push(`<td class="tot">${row.total}</td></tr>`);
  }
  if (group !== undefined) out.push('</tbody>');
  out.push(`<tfoot><tr><th scope="row">${h(H.allCountries)}</th>`);
  for (const c of s.countries) out.push(`<td>${c.activities}</td>`);
  out.push(`<td class="tot">${s.activities}</td></tr></tfoot></table></div>`);
  out.push(`<aside class="panel" id="cell-panel" aria-labelledby="cell-panel-h"><h3 id="cell-panel-h">${h(H.panelTitle)}</h3>`);
  out.push(`<p id="cell-caption" role="status">${h(H.panelEmpty)}</p><ol id="cell-list" hidden></ol></aside>`);
  out.push('</div></section>');

  const cells: Record<string, PanelItem[]> = {};
  for (const a of s.counted) {
    const key = `${a.record.values.clause}|${a.record.values.lead_country}`;
    (cells[key] ??= []).push(panelItem(a, lang));
  }
  return { html: out, cells };
}

function compact(lang: Lang): (n: number) => string {
  const f = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { notation: 'compact', maximumFractionDigits: 1 });
  return (n) => f.format(n);
}

function chartsSection(s: QuarterSummary, lang: Lang): string[] {
  const L = QUARTER_LABELS[lang];
  const H = QUARTER_HTML_LABELS[lang];
  const words = { total: L.total, showNumbers: H.showNumbers, rowHeader: L.country };
  const assessKeys = [...ASSESSMENT_VALUES, 'unassessed'] as const;
  const assessSeries: Series[] = assessKeys.map((k) => ({
    label: k === 'unassessed' ? H.notAssessed : ASSESSMENT_LABELS[k][lang],
    colour: ASSESSMENT_COLOURS[k],
  }));
  const fundKeys = [...FUNDING_KEYS, 'unspecified'] as const;
  const fundSeries: Series[] = fundKeys.map((k) => ({ label: k === 'unspecified' ? L.unspecified : fundingName(k, lang), colour: FUNDING_COLOURS[k] }));
  const name = (c: CountryCode): string => countryName(c, lang);
  return [
    `<section aria-labelledby="s-countries"><h2 id="s-countries">${h(L.byCountry)}</h2><div class="grid2">`,
    stackedBars({
      id: 'chart-assessment', title: H.assessmentTitle, desc: H.assessmentDesc, series: assessSeries,
      bars: s.countries.map((c) => ({ label: name(c.country), values: assessKeys.map((k) => c.byAssessment[k]) })),
      format: (n) => String(n), tick: (n) => String(n), words,
    }),
    stackedBars({
      id: 'chart-budget', title: H.budgetTitle, desc: H.budgetDesc, series: fundSeries,
      bars: s.countries.map((c) => ({ label: name(c.country), values: fundKeys.map((k) => c.budget[k]) })),
      format: (n) => num(n), tick: compact(lang), words,
    }),
    '</div></section>',
  ];
}

function gapsSection(s: QuarterSummary, lang: Lang): string[] {
  const L = QUARTER_LABELS[lang];
  const H = QUARTER_HTML_LABELS[lang];
  const none = s.gaps.filter((g) => g.kind === 'none');
  const single = s.gaps.filter((g) => g.kind === 'single-country');
  const out = [`<section aria-labelledby="s-gaps"><h2 id="s-gaps">${h(L.gaps)}</h2>`, `<p>${h(L.gapSummary(none.length, single.length))}</p>`];
  out.push(`<h3>${h(H.gapsSingle(single.length))}</h3>`);
  if (single.length === 0) out.push(`<p>${h(H.noGapsSingle)}</p>`);
  else {
    out.push(`<table class="gaps"><thead><tr><th scope="col">${h(L.clause)}</th><th scope="col">${h(H.title)}</th><th scope="col">${h(H.onlyCountry)}</th></tr></thead><tbody>`);
    for (const g of single) out.push(`<tr><td><span class="cl">${h(g.clause)}</span></td><td>${h(g.title[lang])}</td><td>${h(countryName(g.countries[0], lang))}</td></tr>`);
    out.push('</tbody></table>');
  }
  out.push(`<h3>${h(H.gapsNone(none.length))}</h3>`);
  if (none.length === 0) out.push(`<p>${h(H.noGapsNone)}</p>`);
  else out.push(`<ul class="cols">${none.map((g) => `<li><span class="cl">${h(g.clause)}</span>${h(g.title[lang])}</li>`).join('')}</ul>`);
  out.push('</section>');
  return out;
}

function crossFileSection(s: QuarterSummary, lang: Lang): string[] {
  const L = QUARTER_LABELS[lang];
  const H = QUARTER_HTML_LABELS[lang];
  const out = [`<section aria-labelledby="s-cross"><h2 id="s-cross">${h(L.crossFile)}</h2>`];
  if (s.crossFile.length === 0) return [...out, `<p>${h(L.noCrossFile)}</p></section>`];
  out.push(`<table class="cross"><thead><tr><th scope="col">${h(L.severity)}</th><th scope="col">${h(H.code)}</th><th scope="col">${h(L.activity)}</th><th scope="col">${h(L.message)}</th></tr></thead><tbody>`);
  for (const f of s.crossFile) {
    out.push(`<tr>${severityCell(f.severity, lang)}<td class="nw"><code>${h(f.code)}</code></td><td class="nw">${t(f.params.activityId)}</td><td class="msg">${t(renderMessage(f, lang))}</td></tr>`);
  }
  out.push('</tbody></table></section>');
  return out;
}

function place(file: string | null, row: number | null, lang: Lang): string {
  return file === null ? '—' : t(QUARTER_HTML_LABELS[lang].place(file, row ?? 0));
}

function byCountryTable(d: QuarterDiff, lang: Lang): string[] {
  const L = QUARTER_LABELS[lang];
  const out = [`<table class="by-country"><thead><tr><th scope="col">${h(L.country)}</th><th scope="col" class="n">${h(L.added)}</th><th scope="col" class="n">${h(L.removed)}</th><th scope="col" class="n">${h(L.regressions)}</th><th scope="col" class="n">${h(L.changed)}</th></tr></thead><tbody>`];
  for (const c of COUNTRY_CODES) {
    const k = d.summary.byCountry[c] ?? { added: 0, removed: 0, regressions: 0, changed: 0 };
    out.push(`<tr><th scope="row">${h(countryName(c, lang))}</th><td class="n">${k.added}</td><td class="n">${k.removed}</td><td class="n${k.regressions > 0 ? ' sev-warning' : ''}">${k.regressions}</td><td class="n">${k.changed}</td></tr>`);
  }
  out.push('</tbody></table>', `<p class="note">${h(QUARTER_HTML_LABELS[lang].regressionsNote)}</p>`);
  return out;
}

function changesTable(changes: readonly Change[], lang: Lang): string[] {
  const L = QUARTER_LABELS[lang];
  const H = QUARTER_HTML_LABELS[lang];
  if (changes.length === 0) return [`<p>${h(L.noChanges)}</p>`];
  const kinds = KIND_ORDER.filter((k) => changes.some((c) => c.kind === k));
  const countries = COUNTRY_CODES.filter((k) => changes.some((c) => c.country === k));
  const select = (attr: string, label: string, options: [string, string][]): string =>
    `<label>${h(label)} <select data-filter-for="changes" data-attr="${attr}"><option value="">${h(H.all)}</option>` +
    options.map(([v, l]) => `<option value="${h(v)}">${h(l)}</option>`).join('') + '</select></label>';
  const out = ['<div class="filters">'];
  out.push(select('data-sev', L.severity, (['error', 'warning', 'info'] as const).filter((s) => changes.some((c) => c.severity === s)).map((s) => [s, L[s]])));
  out.push(select('data-kind', L.kind, kinds.map((k) => [k, CHANGE_NAMES[k][lang]])));
  out.push(select('data-country', L.country, countries.map((c) => [c, countryName(c, lang)])));
  out.push(`<input type="search" data-filter-for="changes" placeholder="${h(H.filter)}" aria-label="${h(H.filterLabel)}">`);
  out.push(`<span class="note">${h(H.shown)}: <span data-count-for="changes"></span> · ${h(H.sortHint)}</span></div>`);
  out.push('<table id="changes" class="sortable"><thead><tr>');
  for (const label of [L.activity, L.country, L.kind, L.severity, L.message, L.from, L.to]) out.push(sortableHeader(label));
  out.push('</tr></thead><tbody>');
  for (const c of changes) {
    out.push(
      `<tr data-sev="${c.severity}" data-kind="${c.kind}" data-country="${h(c.country ?? '')}">` +
        `<td class="nw">${t(c.activityId)}</td><td>${h(c.country ? countryName(c.country, lang) : '—')}</td>` +
        `<td data-sort="${KIND_ORDER.indexOf(c.kind)}">${h(CHANGE_NAMES[c.kind][lang])}</td>${severityCell(c.severity, lang)}` +
        `<td class="msg">${t(changeMessage(c, lang))}</td><td class="nw">${place(c.fromFile, c.fromRow, lang)}</td><td class="nw">${place(c.toFile, c.toRow, lang)}</td></tr>`,
    );
  }
  out.push('</tbody></table>');
  return out;
}

function fileLists(d: QuarterDiff, lang: Lang, from: string, to: string): string {
  const list = (files: readonly string[]): string => files.map(t).join('<br>');
  return `<dl class="files"><dt>${h(from)}</dt><dd>${list(d.from)}</dd><dt>${h(to)}</dt><dd>${list(d.to)}</dd></dl>`;
}

function changesSection(d: QuarterDiff, lang: Lang): string[] {
  const L = QUARTER_LABELS[lang];
  const H = QUARTER_HTML_LABELS[lang];
  return [
    `<section class="page" aria-labelledby="s-changes"><h2 id="s-changes">${h(L.changes)}</h2>`,
    `<p>${h(L.diffSummary(d.changes.length, d.summary.regressions, d.summary.activitiesBefore, d.summary.activitiesAfter))}</p>`,
    fileLists(d, lang, H.fromFiles, H.toFiles),
    `<h3>${h(H.changesByCountry)}</h3>`,
    ...byCountryTable(d, lang),
    `<h3>${h(H.changeList)}</h3>`,
    ...changesTable(d.changes, lang),
    '</section>',
  ];
}

/**
 * The quarterly dashboard as one self-contained page (inline CSS, SVG and script, nothing loaded from elsewhere):
 * the submissions, a coverage heat map whose cells list their activities, assessments and budget by country, gaps,
 * cross-file findings and, with a previous quarter, the changes since then.
 */
export function renderSummaryHtml(s: QuarterSummary, opts: QuarterHtmlOptions): string {
  const L = QUARTER_LABELS[opts.lang];
  const H = QUARTER_HTML_LABELS[opts.lang];
  const unreadable = s.files.filter((f) => f.status === 'unreadable').length;
  const uncounted = s.files.reduce((n, f) => n + f.uncounted.length, 0);
  const coverage = coverageSection(s, opts.lang);
  const body: string[] = [
    `<header><h1>${h(L.summaryTitle)}</h1>`,
    `<p class="meta">${h(L.asOf)}: ${h(s.asOf)} · ${h(H.generated)}: ${h(opts.generated)}</p>`,
    kpis([
      { n: s.activities, label: H.activitiesKpi },
      { n: s.files.length, label: H.filesKpi },
      { n: unreadable, label: H.unreadableKpi, bad: unreadable > 0 },
      { n: uncounted, label: H.uncountedKpi, bad: uncounted > 0 },
      { n: s.crossFile.length, label: H.crossFileKpi, bad: s.crossFile.some((f) => f.severity === 'error') },
      ...(s.changes ? [{ n: s.changes.summary.regressions, label: H.regressionsKpi, bad: s.changes.summary.regressions > 0 }] : []),
    ]),
    ...filesSection(s, opts),
    '</header>',
    ...coverage.html,
    ...chartsSection(s, opts.lang),
    ...gapsSection(s, opts.lang),
    ...crossFileSection(s, opts.lang),
    ...(s.changes ? changesSection(s.changes, opts.lang) : []),
  ];
  return page(opts.lang, `${L.summaryTitle} · ${s.asOf}`, body, { cells: coverage.cells });
}

/** The changes between two quarters as one self-contained page: the files, counts by kind and country, and a sortable, filterable list. */
export function renderDiffHtml(d: QuarterDiff, opts: QuarterHtmlOptions): string {
  const L = QUARTER_LABELS[opts.lang];
  const H = QUARTER_HTML_LABELS[opts.lang];
  const kinds = KIND_ORDER.filter((k) => (d.summary.byKind[k] ?? 0) > 0);
  const body: string[] = [
    `<header><h1>${h(L.diffTitle)}</h1>`,
    `<p class="meta">${h(H.generated)}: ${h(opts.generated)}</p>`,
    kpis([
      { n: d.changes.length, label: H.changesKpi },
      { n: d.summary.regressions, label: H.regressionsKpi, bad: d.summary.regressions > 0 },
      { n: d.summary.activitiesBefore, label: H.beforeKpi },
      { n: d.summary.activitiesAfter, label: H.afterKpi },
    ]),
    fileLists(d, opts.lang, H.fromFiles, H.toFiles),
    '</header>',
    `<section aria-labelledby="s-kinds"><h2 id="s-kinds">${h(H.byKind)}</h2>`,
  ];
  if (kinds.length === 0) body.push(`<p>${h(L.noChanges)}</p>`);
  else {
    body.push(`<table class="by-kind"><thead><tr><th scope="col">${h(L.kind)}</th><th scope="col">${h(L.severity)}</th><th scope="col" class="n">${h(H.count)}</th><th scope="col">${h(H.regression)}</th></tr></thead><tbody>`);
    for (const k of kinds) {
      body.push(`<tr><th scope="row">${h(CHANGE_NAMES[k][opts.lang])}</th>${severityCell(CHANGE_SEVERITY[k], opts.lang)}<td class="n">${d.summary.byKind[k]}</td><td>${h(REGRESSIONS.includes(k) ? H.regression : H.notRegression)}</td></tr>`);
    }
    body.push('</tbody></table>');
  }
  body.push('</section>');
  body.push(`<section aria-labelledby="s-by-country"><h2 id="s-by-country">${h(H.changesByCountry)}</h2>`, ...byCountryTable(d, opts.lang), '</section>');
  body.push(`<section aria-labelledby="s-list"><h2 id="s-list">${h(H.changeList)}</h2>`, ...changesTable(d.changes, opts.lang), '</section>');
  return page(opts.lang, L.diffTitle, body);
}
