/** The parts every form control is made of: label, hint, error message and fieldset. */
import { attributes } from './attributes.js';
import { htmlOrText, indent, orDefault, safe, text, trim, type Value } from './nunjucks.js';
import type { Caller } from './index.js';

/** A component's class followed by the caller's `classes`, as most templates write them. */
export function classes(base: string, extra: Value): string {
  return extra ? `${base} ${text(extra)}` : base;
}

/** The class list of the form group around a control, as every control writes it. */
export function formGroupClasses(params: Value): string {
  return `govuk-form-group${params.errorMessage ? ' govuk-form-group--error' : ''}${params.formGroup?.classes ? ` ${text(params.formGroup.classes)}` : ''}`;
}

/** An optional attribute written only when its value is truthy, as most templates do. */
export function attr(name: string, value: Value): string {
  return value ? ` ${name}="${text(value)}"` : '';
}

export function label(params: Value): string {
  if (!params.html && !params.text) return '';
  const html =
    `<label class="${classes('govuk-label', params.classes)}"${attributes(params.attributes)}${attr('for', params.for)}>\n` +
    `  ${htmlOrText(params.html, params.text, 2)}\n` +
    '</label>';
  if (params.isPageHeading) return `<h1 class="govuk-label-wrapper">\n  ${indent(html, 2)}\n</h1>\n`;
  return `${html}\n`;
}

export function hint(params: Value): string {
  return (
    `<div${attr('id', params.id)} class="${classes('govuk-hint', params.classes)}"${attributes(params.attributes)}>\n` +
    `  ${htmlOrText(params.html, params.text, 2)}\n` +
    '</div>\n'
  );
}

export function errorMessage(params: Value): string {
  const hidden = orDefault(params.visuallyHiddenText, 'Error');
  const message = htmlOrText(params.html, params.text, 2);
  return (
    `<p${attr('id', params.id)} class="${classes('govuk-error-message', params.classes)}"${attributes(params.attributes)}>\n` +
    (hidden ? `  <span class="govuk-visually-hidden">${text(hidden)}:</span> ${message}\n` : `  ${message}\n`) +
    '</p>\n'
  );
}

export function fieldset(params: Value, caller?: Caller): string {
  const legend = params.legend;
  let html =
    `<fieldset class="${classes('govuk-fieldset', params.classes)}"${attr('role', params.role)}` +
    `${attr('aria-describedby', params.describedBy)}${attributes(params.attributes)}>\n`;
  if (legend?.html || legend?.text) {
    html += `  <legend class="${classes('govuk-fieldset__legend', legend.classes)}">\n`;
    html += legend.isPageHeading
      ? `    <h1 class="govuk-fieldset__heading">\n      ${htmlOrText(legend.html, legend.text, 6)}\n    </h1>\n`
      : `    ${htmlOrText(legend.html, legend.text, 4)}\n`;
    html += '  </legend>\n';
  }
  if (caller) html += `${text(caller())}\n`;
  else if (params.html) html += `  ${safe(params.html)}\n`;
  return `${html}</fieldset>\n`;
}

/**
 * The hint and error message that open a form group (after the label, if any), and
 * the ids its control is then described by: `describedBy` with theirs added.
 */
export function hintAndError(params: Value, idPrefix: Value, describedBy: Value): { html: string; describedBy: Value } {
  let html = '';
  if (params.hint) {
    const hintId = idPrefix + '-hint';
    describedBy = describedBy ? describedBy + ' ' + hintId : hintId;
    html += `  ${indent(trim(hintFor(hintId, params.hint)), 2)}\n`;
  }
  if (params.errorMessage) {
    const errorId = idPrefix + '-error';
    describedBy = describedBy ? describedBy + ' ' + errorId : errorId;
    const message = params.errorMessage;
    const error = errorMessage({
      id: errorId,
      classes: message.classes,
      attributes: message.attributes,
      html: message.html,
      text: message.text,
      visuallyHiddenText: message.visuallyHiddenText,
    });
    html += `  ${indent(trim(error), 2)}\n`;
  }
  return { html, describedBy };
}

/** The label, hint and error message that open the form group of an input, textarea or select. */
export function labelHintAndError(params: Value, id: Value, describedBy: Value): { html: string; describedBy: Value } {
  const given = params.label;
  const html = label({
    html: given?.html,
    text: given?.text,
    classes: given?.classes,
    isPageHeading: given?.isPageHeading,
    attributes: given?.attributes,
    for: id,
  });
  const rest = hintAndError(params, id, describedBy);
  return { html: `  ${indent(trim(html), 2)}\n${rest.html}`, describedBy: rest.describedBy };
}

/** The hint a `hint` param describes, with the id given and any class of the caller's first. */
export function hintFor(id: Value, params: Value, ownClass?: string): string {
  const hintClasses = ownClass ? ownClass + (params.classes ? ' ' + params.classes : '') : params.classes;
  return hint({ id, classes: hintClasses, attributes: params.attributes, html: params.html, text: params.text });
}
