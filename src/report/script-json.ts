const UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * JSON to embed in an HTML `<script type="application/json">` block: `<`, `>`, `&`, U+2028 and U+2029 are written as
 * `\uXXXX` escapes, so no text inside (`</script>`, `<!--`) can end the block and `JSON.parse` still reads it back exactly.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
