// View descriptions as static HTML, for checking a view in a browser without mounting the page around it: text and
// attributes escaped, handlers dropped, live values (input value, selected option, checked) written as attributes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ViewElement, ViewNode } from '../../taskpane/dom/view-node.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VOID = new Set(['input', 'br', 'img', 'hr', 'meta', 'link']);

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function element(node: ViewElement, selected: string | null): string {
  const attrs: string[] = [];
  for (const [k, v] of Object.entries(node.props)) {
    if (typeof v === 'function' || k === 'key' || v === null || v === undefined || v === false) continue;
    if (k === 'value' && node.tag === 'select') continue;
    attrs.push(v === true ? k : `${k}="${escape(String(v))}"`);
  }
  if (node.tag === 'option' && selected !== null && node.props.value === selected) attrs.push('selected');
  const open = `<${node.tag}${attrs.length ? ` ${attrs.join(' ')}` : ''}>`;
  if (VOID.has(node.tag)) return open;
  const inner = node.tag === 'select' ? String(node.props.value ?? '') : selected;
  return `${open}${node.children.map((c) => html(c, inner)).join('')}</${node.tag}>`;
}

function html(node: ViewNode, selected: string | null = null): string {
  return typeof node === 'string' ? escape(node) : element(node, selected);
}

/** A whole page holding the views, styled with the task pane page's own style sheet, in a language. */
export function viewPage(nodes: readonly ViewNode[], lang: 'zh' | 'en', width = 'none'): string {
  const source = readFileSync(path.join(root, 'taskpane/taskpane.html'), 'utf8');
  const style = /<style>[\s\S]*?<\/style>/.exec(source)![0];
  return `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>LMC tracker</title>${style}</head>` +
    `<body><main id="app" style="max-width:${width}">${nodes.map((n) => html(n)).join('')}</main></body></html>`;
}
