/**
 * GOV.UK's shared macros (govuk/macros/attributes.njk and i18n.njk): the `attributes`
 * every component accepts, and the translated strings its JavaScript reads from
 * `data-i18n.*` attributes.
 */
import { entries, escape, isMapping, isSafe, text, type Value } from './nunjucks.js';

/**
 * `govukAttributes(attributes)`. A string (or SafeString) is markup, used as given; an
 * object maps names to values, each a plain value (always written, escaped) or
 * `{ value, optional }`, where `optional` drops null, undefined and false and writes
 * `true` as a bare boolean attribute.
 */
export function attributes(attributes: Value): string {
  if (typeof attributes === 'string') return attributes;
  if (isSafe(attributes)) return typeof attributes.val === 'string' ? attributes.val : '';
  if (!isMapping(attributes)) return '';
  let html = '';
  for (const [name, item] of entries(attributes)) {
    const options = isMapping(item) && !isSafe(item) ? item : { value: item, optional: false };
    const given = options.value;
    const value = given === undefined || given === null ? null : isSafe(given) ? given.val : given;
    if (options.optional === true && value === true) html += ` ${escape(name)}`;
    else if (options.optional !== true || (value !== null && value !== false))
      html += ` ${escape(name)}="${value === null ? '' : text(given)}"`;
  }
  return html;
}

/** `govukI18nAttributes({ key, message, messages })`: one attribute for a message, or one per plural form. */
export function i18nAttributes(key: string, message: Value, messages?: Value): string {
  if (messages) {
    let html = '';
    for (const [rule, translation] of entries(messages))
      html += ` data-i18n.${key}.${text(rule)}="${escape(translation)}"`;
    return html;
  }
  return message ? ` data-i18n.${key}="${escape(message)}"` : '';
}
