import { attributes } from './attributes.js';
import { attr, classes, formGroupClasses, labelHintAndError } from './form-parts.js';
import { htmlOrText, iterate, text, type Value } from './nunjucks.js';

export function select(params: Value): string {
  const id = params.id ? params.id : params.name;
  const head = labelHintAndError(params, id, params.describedBy ? params.describedBy : '');
  const formGroup = params.formGroup;
  let html = `<div class="${formGroupClasses(params)}"${attributes(formGroup?.attributes)}>\n${head.html}`;
  if (formGroup?.beforeInput) html += `  ${htmlOrText(formGroup.beforeInput.html, formGroup.beforeInput.text, 2)}\n`;
  html +=
    `  <select class="${classes('govuk-select', params.classes)}${params.errorMessage ? ' govuk-select--error' : ''}" id="${text(id)}" name="${text(params.name)}"` +
    (params.disabled ? ' disabled' : '') +
    attr('aria-describedby', head.describedBy) +
    `${attributes(params.attributes)}>\n`;
  for (const item of iterate(params.items)) {
    if (!item) continue;
    // An option without a value is chosen by its text, as a browser would submit it.
    const effectiveValue = item.value !== undefined ? item.value : item.text;
    const selected = item.selected || (params.value ? effectiveValue == params.value && item.selected != false : false);
    html +=
      `    <option${item.value !== undefined ? ` value="${text(item.value)}"` : ''}${selected ? ' selected' : ''}${item.disabled ? ' disabled' : ''}` +
      `${attributes(item.attributes)}>${text(item.text)}</option>\n`;
  }
  html += '  </select>\n';
  if (formGroup?.afterInput) html += `  ${htmlOrText(formGroup.afterInput.html, formGroup.afterInput.text, 2)}\n`;
  return `${html}</div>\n`;
}
