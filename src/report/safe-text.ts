/** Characters that make Excel (or a CSV import) treat the start of a cell as a formula. */
const FORMULA_START = /^[\s]*[=+\-@]/;

/** Prefixes `'` to text that would run as a formula when pasted or imported into a spreadsheet (CSV-injection guard). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Replaces control characters (terminal escapes, tabs, line breaks) with spaces so untrusted text stays on its line. */
export function oneLine(text: string): string {
  // ESC and the C1 range would let a cell repaint or clear the terminal; tabs and breaks would split fields.
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

/** Untrusted text made safe for a line of a text or HTML report: one line, never a formula. */
export function safeField(text: string): string {
  return neutraliseFormula(oneLine(text));
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
