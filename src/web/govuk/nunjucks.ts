/**
 * What Nunjucks does to a value on its way into a GOV.UK template, so the ports can do
 * the same: how `{{ }}` prints it, and the filters and tests those templates use. The
 * ports must match the templates on odd input too (a number, a SafeString where a
 * string was expected, a missing object), because Kith's own templates pass whatever
 * they have.
 */
import nunjucks from 'nunjucks';

/**
 * A template value: whatever a Kith template passed. Ports read it the way Nunjucks
 * does, where a member of something missing is undefined rather than an error, so
 * every member access on a nested value is optional (`params.hint?.text`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Value = any;

/** Markup Nunjucks will not escape again: `| safe`, a `{% set %}` block, a macro's output. */
export const SafeString = nunjucks.runtime.SafeString;

export function isSafe(value: unknown): value is nunjucks.runtime.SafeString {
  return value instanceof SafeString;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&#39;',
  '<': '&lt;',
  '>': '&gt;',
  '\\': '&#92;',
};
const ESCAPED = /[&"'<>\\]/g;
const NEEDS_ESCAPING = /[&"'<>\\]/;

/** Nunjucks' escaping, backslash included, so a port's output matches byte for byte. */
export function escapeHtml(text: string): string {
  return NEEDS_ESCAPING.test(text) ? text.replace(ESCAPED, (c) => ESCAPES[c]!) : text;
}

/** `{{ value }}` with autoescape on: nothing for null or undefined, markup as it is. */
export function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (isSafe(value)) return value.val;
  return escapeHtml(String(value));
}

/** `{{ value | safe }}`. */
export function safe(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** `value | escape`: the same as printing it, a SafeString being escaped already. */
export const escape = text;

/** `| trim`. Nunjucks strips the same characters as String.prototype.trim. */
export function trim(value: unknown): string {
  return String(value).trim();
}

/** `| indent(width, first)`: every line but the first (unless `first`) gains `width` spaces. */
export function indent(value: string, width: number, first = false): string {
  if (value === '') return '';
  const pad = ' '.repeat(width);
  const indented = value.replaceAll('\n', `\n${pad}`);
  return first ? pad + indented : indented;
}

/**
 * The commonest line in GOV.UK's templates:
 * `{{ html | safe | trim | indent(n) if html else text }}`.
 */
export function htmlOrText(html: unknown, fallback: unknown, width: number): string {
  return html ? indent(trim(safe(html)), width) : text(fallback);
}

/** `value | default(fallback)`: only undefined is replaced. */
export function orDefault(value: unknown, fallback: unknown): Value {
  return value !== undefined ? value : fallback;
}

/** `x in y`: a substring of a string, an item of an array, a key of an object. */
export function isIn(key: unknown, container: unknown): boolean {
  if (Array.isArray(container) || isStringObject(container)) return (container as string).indexOf(key as string) !== -1;
  if (isPlainObject(container)) return (key as string) in (container as object);
  throw new Error(`Cannot use "in" operator to search for "${String(key)}" in unexpected types.`);
}

const toTag = Object.prototype.toString;
const isStringObject = (value: unknown) => toTag.call(value) === '[object String]';
// A SafeString counts: Nunjucks tests `[object Object]` here, not instanceof.
const isPlainObject = (value: unknown) => toTag.call(value) === '[object Object]';

/** `is mapping`: any object but an array or a Set (so a SafeString is a mapping). */
export function isMapping(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Set);
}

/** `| length`: a Map's or Set's size, an object's key count, otherwise `.length`. */
export function length(value: unknown): number {
  if (value === undefined || value === null || value === false) return 0;
  if (value instanceof Map || value instanceof Set) return value.size;
  if (isPlainObject(value) && !isSafe(value)) return Object.keys(value as object).length;
  return (value as { length: number }).length;
}

/** `| capitalize`, which keeps a SafeString safe. */
export function capitalize(value: unknown): Value {
  const lower = String(value === undefined || value === null || value === false ? '' : value).toLowerCase();
  const capitalized = lower.charAt(0).toUpperCase() + lower.slice(1);
  return isSafe(value) ? new SafeString(capitalized) : capitalized;
}

/**
 * What `{% for item in list %}` visits: an array, anything iterable as an array, and
 * for anything else, its indexes up to `.length` (none, for a plain object).
 */
export function iterate(list: unknown): readonly Value[] {
  if (!list) return [];
  if (Array.isArray(list)) return list;
  if (typeof list === 'object' && Symbol.iterator in list) return Array.from(list as Iterable<Value>);
  const { length = 0 } = list as { length?: number };
  return Array.from({ length }, (_, i) => (list as Record<number, Value>)[i]);
}

/**
 * `{% for key, value in object %}`: an object's enumerable keys, or for anything
 * iterable (an array, a Map, a SafeString's characters), each item's first two members.
 */
export function entries(object: unknown): Array<[Value, Value]> {
  if (!object) return [];
  if (typeof object === 'object' && Symbol.iterator in object) {
    return Array.from(object as Iterable<Value>, (pair) => [pair?.[0], pair?.[1]]);
  }
  const pairs: Array<[Value, Value]> = [];
  // Nunjucks walks for…in, inherited keys and all.
  for (const key in object as object) pairs.push([key, (object as Record<string, Value>)[key]]);
  return pairs;
}
