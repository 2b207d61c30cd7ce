/**
 * JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&` written as
 * \u escapes (so `</script>` in someone's text cannot end the element), and the two
 * line separators JavaScript once refused. What JSON.parse reads back is the value given.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
