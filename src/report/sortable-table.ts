import { escapeHtml } from './safe-text.js';

// The sortable, filterable tables of the HTML reports, written once: the validation report's findings and the
// quarter's changes use the same markup, style and script.

/** Style of a sortable table's header buttons and its sort arrows. */
export const SORTABLE_TABLE_STYLE = `table.sortable th button{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:left}
table.sortable th[aria-sort=ascending] button::after{content:" \\25B2"}table.sortable th[aria-sort=descending] button::after{content:" \\25BC"}`;

/**
 * Script of every `table.sortable` on the page: a header's button sorts by its column (by `data-sort` numbers where a
 * cell has them, else by text; stable; a second press reverses), and the controls marked `data-filter-for="<table id>"`
 * filter its rows (a select by the row attribute its `data-attr` names, a search box by text) while the element
 * marked `data-count-for` shows how many are shown. Static code only: it reads the tables' DOM, nothing is interpolated.
 */
export const SORTABLE_TABLE_SCRIPT = `
(function(){
Array.prototype.forEach.call(document.querySelectorAll('table.sortable'),function(table){
var tbody=table.tBodies[0];var rows=Array.prototype.slice.call(tbody.rows);
var controls=Array.prototype.slice.call(document.querySelectorAll('[data-filter-for="'+table.id+'"]'));
var count=document.querySelector('[data-count-for="'+table.id+'"]');
function apply(){var n=0;
rows.forEach(function(r){var ok=controls.every(function(c){var v=c.value.trim().toLowerCase();if(!v)return true;
var attr=c.getAttribute('data-attr');return attr?r.getAttribute(attr)===c.value:r.textContent.toLowerCase().indexOf(v)>=0;});
r.hidden=!ok;if(ok)n++;});
if(count)count.textContent=String(n)+' / '+String(rows.length);}
controls.forEach(function(c){c.addEventListener(c.tagName==='SELECT'?'change':'input',apply);});
var ths=table.tHead.rows[0].cells;
Array.prototype.forEach.call(ths,function(th,i){var b=th.querySelector('button');if(!b)return;
b.addEventListener('click',function(){
var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
Array.prototype.forEach.call(ths,function(x){x.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',dir===1?'ascending':'descending');
function key(r){var td=r.cells[i];var k=td.getAttribute('data-sort');return k!==null?Number(k):td.textContent;}
var idx=rows.map(function(r,j){return [r,j];});
idx.sort(function(a,b){var x=key(a[0]),y=key(b[0]);var d=(typeof x==='number'&&typeof y==='number')?x-y:String(x).localeCompare(String(y));return d!==0?d*dir:a[1]-b[1];});
idx.forEach(function(p){tbody.appendChild(p[0]);});});});
apply();
});
})();
`;

/** One header cell of a sortable table: a button, so the keyboard can sort too. */
export function sortableHeader(label: string): string {
  return `<th scope="col"><button type="button">${escapeHtml(label)}</button></th>`;
}
