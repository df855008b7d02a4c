import { expect } from 'vitest';
import type { ViewElement, ViewEvent, ViewNode } from '../../taskpane/dom/view-node.js';

/** Every element of a view, depth first. */
export function elements(node: ViewNode | readonly ViewNode[]): ViewElement[] {
  const out: ViewElement[] = [];
  const walk = (n: ViewNode) => {
    if (typeof n === 'string') return;
    out.push(n);
    n.children.forEach(walk);
  };
  (Array.isArray(node) ? node : [node]).forEach(walk);
  return out;
}

/** The text a view shows, as the browser would join it. */
export function text(node: ViewNode | readonly ViewNode[] | null | undefined): string {
  if (node === null || node === undefined) return '';
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map((n) => text(n)).join('');
  return (node as ViewElement).children.map((n) => text(n)).join('');
}

/** The element with a data-testid, or undefined. */
export function byTestId(node: ViewNode | readonly ViewNode[], id: string): ViewElement | undefined {
  return elements(node).find((e) => e.props['data-testid'] === id);
}

/** The button whose text is exactly `name`; fails the test when there is none. */
export function button(node: ViewNode | readonly ViewNode[], name: string): ViewElement {
  const b = elements(node).find((e) => e.tag === 'button' && text(e) === name);
  expect(b, `button “${name}”`).toBeDefined();
  return b!;
}

/** Calls an element's handler as the browser would (`onclick`, `onchange` …) with the given value or files. */
export function fire(el: ViewElement, handler: string, event: Partial<ViewEvent> = {}): void {
  const fn = el.props[handler];
  expect(typeof fn, `${el.tag} ${handler}`).toBe('function');
  (fn as (e: ViewEvent) => void)({ value: '', checked: false, files: [], ...event });
}
