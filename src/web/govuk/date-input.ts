import { attributes } from './attributes.js';
import { attr, classes, fieldset, formGroupClasses, hintAndError } from './form-parts.js';
import { input } from './input.js';
import {
  capitalize,
  htmlOrText,
  indent,
  isIn,
  iterate,
  length,
  orDefault,
  SafeString,
  trim,
  type Value,
} from './nunjucks.js';

export function dateInput(params: Value): string {
  const day = orDefault(params.day, { name: 'day', value: params.values?.day, classes: 'govuk-input--width-2' });
  const month = orDefault(params.month, {
    name: 'month',
    value: params.values?.month,
    classes: 'govuk-input--width-2',
  });
  const year = orDefault(params.year, { name: 'year', value: params.values?.year, classes: 'govuk-input--width-4' });
  const items = length(params.items) ? params.items : [day, month, year];
  const defaults = { day, month, year };
  // Once any field is marked as wrong, a group error no longer marks all three.
  const anyItemHasError = iterate(items).some((item) => hasError(item));

  const head = hintAndError(params, params.id, params.fieldset?.describedBy ? params.fieldset.describedBy : '');
  const formGroup = params.formGroup;
  let inner = `${head.html}  <div class="${classes('govuk-date-input', params.classes)}"${attributes(params.attributes)}${attr('id', params.id)}>\n`;
  if (formGroup?.beforeInputs)
    inner += `    ${htmlOrText(formGroup.beforeInputs.html, formGroup.beforeInputs.text, 4)}\n`;
  for (const item of iterate(items)) {
    if (item) inner += `${indent(trim(dateInputItem(params, item, anyItemHasError, defaults)), 4, true)}\n`;
  }
  if (formGroup?.afterInputs) inner += `    ${htmlOrText(formGroup.afterInputs.html, formGroup.afterInputs.text, 4)}\n`;
  inner += '  </div>\n';

  const given = params.fieldset;
  // JAWS reads a fieldset's description for text inputs only when it has role="group".
  const grouped = () =>
    fieldset({
      describedBy: head.describedBy,
      classes: given.classes,
      role: 'group',
      attributes: given.attributes,
      legend: given.legend,
      html: new SafeString(trim(inner)),
    });
  const content = given ? indent(trim(grouped()), 2) : trim(inner);
  return `<div class="${formGroupClasses(params)}"${attributes(formGroup?.attributes)}>\n  ${content}\n</div>\n`;
}

const hasError = (item: Value) => !!(item?.error || (item?.classes && isIn('govuk-input--error', item.classes)));

function dateInputItem(
  params: Value,
  item: Value,
  anyItemHasError: boolean,
  defaults: Record<'day' | 'month' | 'year', Value>,
): string {
  let name = item.name;
  let value = item.value;
  let width = 2;
  // A field is a day, month or year by being one of the defaults, or by its name.
  for (const part of ['day', 'month', 'year'] as const) {
    const fallback = defaults[part];
    if (item === fallback || (item.name && isIn(item.name, [part, fallback?.name]))) {
      name = orDefault(item.name, part);
      value = orDefault(item.value, fallback?.value);
      if (part === 'year') width = 4;
      break;
    }
  }

  let itemClasses = '';
  const given = item.classes;
  if (
    (!given || !isIn('govuk-input--error', given)) &&
    (hasError(item) || (item.error != false && params.errorMessage && !anyItemHasError))
  ) {
    itemClasses = trim(itemClasses + ' govuk-input--error');
  }
  if (!given || !isIn('govuk-input--width-', given)) itemClasses = trim(itemClasses + ' govuk-input--width-' + width);
  if (given) itemClasses = trim(itemClasses + ' ' + given);

  const namePrefix = params.namePrefix ? params.namePrefix + '-' : '';
  const field = input({
    label: { text: item.label ? item.label : capitalize(name), classes: 'govuk-date-input__label' },
    id: item.id ? item.id : params.id + '-' + name,
    classes: 'govuk-date-input__input' + (itemClasses ? ' ' + itemClasses : ''),
    name: namePrefix + name,
    value: orDefault(value, params.values?.[namePrefix + name]),
    type: 'text',
    inputmode: item.inputmode ? item.inputmode : 'numeric',
    autocomplete: item.autocomplete,
    pattern: item.pattern,
    attributes: item.attributes,
  });
  return `<div class="govuk-date-input__item">\n  ${indent(trim(field), 2)}\n</div>`;
}
