import { attributes, i18nAttributes } from './attributes.js';
import { button } from './button.js';
import { classes, formGroupClasses, labelHintAndError } from './form-parts.js';
import { entries, htmlOrText, indent, orDefault, safe, SafeString, text, trim, type Value } from './nunjucks.js';

export function input(params: Value): string {
  let classNames = 'govuk-input';
  if (params.classes) classNames = classNames + ' ' + params.classes;
  if (params.errorMessage) classNames = classNames + ' govuk-input--error';
  const id = params.id ? params.id : params.name;
  const formGroup = params.formGroup;
  const hasPrefix = params.prefix && (params.prefix.text || params.prefix.html);
  const hasSuffix = params.suffix && (params.suffix.text || params.suffix.html);
  const before = formGroup?.beforeInput;
  const after = formGroup?.afterInput;
  const hasBeforeInput = before && (before.text || before.html);
  const hasAfterInput = after && (after.text || after.html);

  const head = labelHintAndError(params, id, params.describedBy || undefined);
  const element =
    '<input' +
    attributes({
      class: classNames,
      id,
      name: params.name,
      type: params.type || 'text',
      spellcheck: {
        value: params.spellcheck === true || params.spellcheck === false ? String(params.spellcheck) : false,
        optional: true,
      },
      value: { value: params.value, optional: true },
      disabled: { value: params.disabled, optional: true },
      'aria-describedby': { value: head.describedBy, optional: true },
      autocomplete: { value: params.autocomplete, optional: true },
      autocapitalize: { value: params.autocapitalize, optional: true },
      pattern: { value: params.pattern, optional: true },
      inputmode: { value: params.inputmode, optional: true },
    }) +
    `${attributes(params.attributes)}>`;

  let html = `<div class="${formGroupClasses(params)}"${attributes(formGroup?.attributes)}>\n${head.html}`;
  if (hasPrefix || hasSuffix || hasBeforeInput || hasAfterInput) {
    html += `  <div class="${classes('govuk-input__wrapper', params.inputWrapper?.classes)}"${attributes(params.inputWrapper?.attributes)}>\n`;
    // GOV.UK's template indents markup here but not text; harmless, and kept to match it.
    if (hasBeforeInput) html += `${before.html ? indent(trim(safe(before.html)), 4, true) : text(before.text)}\n`;
    if (hasPrefix) html += `${indent(affix(params.prefix, 'prefix'), 2, true)}\n`;
    html += `    ${element}\n`;
    if (hasSuffix) html += `${indent(affix(params.suffix, 'suffix'), 2, true)}\n`;
    if (hasAfterInput) html += `${after.html ? indent(trim(safe(after.html)), 4, true) : text(after.text)}\n`;
    html += '  </div>\n';
  } else {
    html += `  ${element}\n`;
  }
  return `${html}</div>\n`;
}

function affix(item: Value, type: 'prefix' | 'suffix'): string {
  return `  <div class="${classes(`govuk-input__${type}`, item.classes)}" aria-hidden="true"${attributes(item.attributes)}>${htmlOrText(item.html, item.text, 4)}</div>`;
}

export function passwordInput(params: Value): string {
  const id = params.id ? params.id : params.name;
  const formGroup = params.formGroup;
  let formGroupAttributes =
    ' data-module="govuk-password-input"' +
    i18nAttributes('show-password', params.showPasswordText) +
    i18nAttributes('hide-password', params.hidePasswordText) +
    i18nAttributes('show-password-aria-label', params.showPasswordAriaLabelText) +
    i18nAttributes('hide-password-aria-label', params.hidePasswordAriaLabelText) +
    i18nAttributes('password-shown-announcement', params.passwordShownAnnouncementText) +
    i18nAttributes('password-hidden-announcement', params.passwordHiddenAnnouncementText);
  for (const [name, value] of entries(formGroup?.attributes)) formGroupAttributes += ` ${text(name)}="${text(value)}"`;

  const toggle = button({
    type: 'button',
    classes:
      'govuk-button--secondary govuk-password-input__toggle govuk-js-password-input-toggle' +
      (params.button?.classes ? ' ' + params.button.classes : ''),
    text: orDefault(params.showPasswordText, 'Show'),
    attributes: {
      'aria-controls': id,
      'aria-label': orDefault(params.showPasswordAriaLabelText, 'Show password'),
      hidden: { value: true, optional: true },
    },
  });
  const after = formGroup?.afterInput;
  const afterHtml = after ? `${after.html ? trim(safe(after.html)) : text(after.text)}\n` : '';

  return `${trim(
    input({
      formGroup: {
        classes: 'govuk-password-input' + (formGroup?.classes ? ' ' + formGroup.classes : ''),
        attributes: formGroupAttributes,
        beforeInput: formGroup?.beforeInput,
        afterInput: { html: new SafeString(`${trim(toggle)}\n${afterHtml}`) },
      },
      inputWrapper: { classes: 'govuk-password-input__wrapper' },
      label: params.label,
      hint: params.hint,
      classes:
        'govuk-password-input__input govuk-js-password-input-input' + (params.classes ? ' ' + params.classes : ''),
      errorMessage: params.errorMessage,
      id,
      name: params.name,
      type: 'password',
      spellcheck: false,
      autocapitalize: 'none',
      autocomplete: params.autocomplete ? params.autocomplete : 'current-password',
      value: params.value,
      disabled: params.disabled,
      describedBy: params.describedBy,
      attributes: params.attributes,
    }),
  )}\n`;
}
