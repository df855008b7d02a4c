/** What a handler learns from its event: the value and checked state of its element, and the files chosen or dropped. */
export interface ViewEvent {
  value: string;
  checked: boolean;
  /** Whether a `<details>` element is open (after its toggle). */
  open?: boolean;
  files: readonly File[];
  /** What was dropped as file-system entries (files and folders), taken while the drop event lasts. */
  entries?: readonly FileSystemEntry[];
}

/** A handler of a view element (`on*` props). */
export type Handler = (e: ViewEvent) => void;

/** An attribute value: null, undefined and false leave the attribute out, true sets it without a value. */
type AttrValue = string | number | boolean | null | undefined;

/**
 * Props of a view element: attributes, `on*` handlers, `value` and `checked` (the element's live state, set as
 * properties), and `key` (an element with another key is made anew instead of updated).
 */
export type Props = Record<string, AttrValue | Handler>;

/** An element of a view description. */
export interface ViewElement {
  readonly tag: keyof HTMLElementTagNameMap;
  readonly props: Props;
  readonly children: readonly ViewNode[];
}

/** A node of a view description: an element, or text. */
export type ViewNode = ViewElement | string;

/** A child given to `h`: arrays are flattened, null, undefined and false are skipped, numbers become text. */
export type Child = ViewNode | number | null | undefined | false | readonly Child[];

function flatten(children: readonly Child[], out: ViewNode[]): ViewNode[] {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) flatten(c, out);
    else out.push(typeof c === 'number' ? String(c) : (c as ViewNode));
  }
  return out;
}

/** Describes an element with props and children; text children are always text, never HTML. */
export function h(tag: keyof HTMLElementTagNameMap, props: Props = {}, ...children: Child[]): ViewElement {
  return { tag, props, children: flatten(children, []) };
}
