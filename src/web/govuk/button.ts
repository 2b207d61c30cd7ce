import { attributes } from './attributes.js';
import { attr } from './form-parts.js';
import { indent, safe, text, trim, type Value } from './nunjucks.js';

const START_ICON =
  '\n  <svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">' +
  '\n    <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"/>' +
  '\n  </svg>';

export function button(params: Value): string {
  let classNames = 'govuk-button';
  if (params.classes) classNames = classNames + ' ' + params.classes;
  if (params.isStartButton) classNames = classNames + ' govuk-button--start';
  // The class list is built by concatenation, so it is escaped even if given as markup.
  const common = ` class="${text(classNames)}" data-module="govuk-button"${attributes(params.attributes)}${attr('id', params.id)}`;

  let content: string;
  if (params.html && params.isStartButton) content = `<span>${trim(safe(params.html))}</span>`;
  else content = params.html ? trim(safe(params.html)) : text(params.text);
  const body = `>\n  ${indent(content, 2)}${params.isStartButton ? START_ICON : ''}\n`;

  if (params.href) return `<a href="${text(params.href)}" role="button" draggable="false"${common}${body}</a>`;
  return (
    `<button type="${text(params.type ? params.type : 'submit')}"${attr('value', params.value)}${attr('name', params.name)}` +
    (params.disabled ? ' disabled aria-disabled="true"' : '') +
    (params.preventDoubleClick !== undefined ? ` data-prevent-double-click="${text(params.preventDoubleClick)}"` : '') +
    `${common}${body}</button>`
  );
}
