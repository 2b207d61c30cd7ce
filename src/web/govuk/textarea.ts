import { attributes, i18nAttributes } from './attributes.js';
import { attr, formGroupClasses, hint, labelHintAndError } from './form-parts.js';
import { entries, htmlOrText, isIn, isSafe, safe, SafeString, text, trim, type Value } from './nunjucks.js';

export function textarea(params: Value): string {
  const id = params.id ? params.id : params.name;
  const head = labelHintAndError(params, id, params.describedBy ? params.describedBy : '');
  const formGroup = params.formGroup;
  let html = `<div class="${formGroupClasses(params)}"${attributes(formGroup?.attributes)}>\n${head.html}`;
  if (formGroup?.beforeInput) html += `  ${htmlOrText(formGroup.beforeInput.html, formGroup.beforeInput.text, 2)}\n`;
  html +=
    `  <textarea class="govuk-textarea${params.errorMessage ? ' govuk-textarea--error' : ''}${params.classes ? ` ${text(params.classes)}` : ''}"` +
    ` id="${text(id)}" name="${text(params.name)}" rows="${text(params.rows || 5)}"` +
    (params.spellcheck === false || params.spellcheck === true ? ` spellcheck="${params.spellcheck}"` : '') +
    (params.disabled ? ' disabled' : '') +
    attr('aria-describedby', head.describedBy) +
    attr('autocomplete', params.autocomplete) +
    `${attributes(params.attributes)}>${text(params.value)}</textarea>\n`;
  if (formGroup?.afterInput) html += `  ${htmlOrText(formGroup.afterInput.html, formGroup.afterInput.text, 2)}\n`;
  return `${html}</div>\n`;
}

export function characterCount(params: Value): string {
  const countType = params.countType ? params.countType : params.maxwords ? 'words' : '';
  // Without a limit the message is written by JavaScript, once a limit is configured there.
  const hasNoLimit = !params.maxwords && !params.maxlength;
  const limit = params.maxwords || params.maxlength;
  const description =
    params.textareaDescriptionText || 'You can enter up to %{count} ' + (countType == 'words' ? 'words' : 'characters');
  const id = params.id ? params.id : params.name;
  const formGroup = params.formGroup;

  const after = formGroup?.afterInput;
  const countMessage =
    trim(
      hint({
        text: hasNoLimit ? '' : replaceAll(description, '%{count}', limit),
        id: id + '-info',
        classes:
          'govuk-character-count__message' + (params.countMessage?.classes ? ' ' + params.countMessage.classes : ''),
      }),
    ) +
    '\n' +
    (after ? `${after.html ? trim(safe(after.html)) : text(after.text)}\n` : '');

  let formGroupAttributes =
    attributes({
      'data-module': 'govuk-character-count',
      'data-maxlength': { value: params.maxlength, optional: true },
      'data-maxwords': { value: params.maxwords, optional: true },
      'data-threshold': { value: params.threshold, optional: true },
      'data-count-type': { value: countType ? countType : false, optional: true },
    }) +
    (hasNoLimit && params.textareaDescriptionText
      ? i18nAttributes('textarea-description', undefined, { other: params.textareaDescriptionText })
      : '') +
    i18nAttributes('characters-under-limit', undefined, params.charactersUnderLimitText) +
    i18nAttributes('characters-at-limit', params.charactersAtLimitText) +
    i18nAttributes('characters-over-limit', undefined, params.charactersOverLimitText) +
    i18nAttributes('words-under-limit', undefined, params.wordsUnderLimitText) +
    i18nAttributes('words-at-limit', params.wordsAtLimitText) +
    i18nAttributes('words-over-limit', undefined, params.wordsOverLimitText);
  for (const [name, value] of entries(formGroup?.attributes)) formGroupAttributes += ` ${text(name)}="${text(value)}"`;

  return `${trim(
    textarea({
      id,
      name: params.name,
      describedBy: id + '-info',
      rows: params.rows,
      spellcheck: params.spellcheck,
      value: params.value,
      formGroup: {
        classes: 'govuk-character-count' + (formGroup?.classes ? ' ' + formGroup.classes : ''),
        attributes: formGroupAttributes,
        beforeInput: formGroup?.beforeInput,
        afterInput: { html: new SafeString(countMessage) },
      },
      classes: 'govuk-js-character-count' + (params.classes ? ' ' + params.classes : ''),
      label: params.label,
      hint: params.hint,
      errorMessage: params.errorMessage,
      attributes: params.attributes,
    }),
  )}\n`;
}

/** `| replace(old, new)`: every occurrence; a SafeString stays safe, anything else but a number is left alone. */
function replaceAll(value: Value, old: string, replacement: Value): Value {
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string' && !isSafe(value)) return value;
  if (!isIn(old, String(value))) return value;
  const replaced = String(value).split(old).join(String(replacement));
  return isSafe(value) ? new SafeString(replaced) : replaced;
}
