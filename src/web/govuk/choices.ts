/** Radios and checkboxes: the same form group around a list of labelled choices. */
import { attributes } from './attributes.js';
import { attr, classes, fieldset, formGroupClasses, hintAndError, hintFor, label } from './form-parts.js';
import { htmlOrText, indent, isIn, iterate, safe, SafeString, text, trim, type Value } from './nunjucks.js';

type Kind = 'radios' | 'checkboxes';

/** How one choice's input is written: worked out differently by radios and checkboxes. */
interface ChoiceInput {
  name: Value;
  checked: unknown;
  describedBy: Value;
}

export function radios(params: Value): string {
  const describedBy = params.fieldset?.describedBy ? params.fieldset.describedBy : '';
  return choices('radios', params, describedBy, (item, id) => ({
    name: params.name,
    checked: item.checked || (params.value ? item.value == params.value && item.checked != false : false),
    describedBy: hasHint(item) ? id + '-item-hint' : '',
  }));
}

export function checkboxes(params: Value): string {
  let describedBy = params.describedBy ? params.describedBy : '';
  if (params.fieldset?.describedBy) describedBy = params.fieldset.describedBy;
  return choices('checkboxes', params, describedBy, (item, id, groupDescribedBy) => ({
    name: item.name ? item.name : params.name,
    checked: item.checked || (params.values ? isIn(item.value, params.values) && item.checked != false : false),
    // Without a fieldset to carry them, the group's hint and error describe every checkbox.
    describedBy: trim((params.fieldset ? '' : groupDescribedBy) + ' ' + (hasHint(item) ? id + '-item-hint' : '')),
  }));
}

/**
 * The form group, the optional fieldset, and the group's hint and error around the
 * choices; `input` says how to write each one's input, given the ids the group is
 * described by once its hint and error are in.
 */
function choices(
  kind: Kind,
  params: Value,
  describedBy: Value,
  input: (item: Value, id: Value, describedBy: Value) => ChoiceInput,
): string {
  const idPrefix = params.idPrefix ? params.idPrefix : params.name;
  const head = hintAndError(params, idPrefix, describedBy);
  const formGroup = params.formGroup;
  let inner = `${head.html}  <div class="${classes(`govuk-${kind}`, params.classes)}"${attributes(params.attributes)} data-module="govuk-${kind}">\n`;
  if (formGroup?.beforeInputs)
    inner += `    ${htmlOrText(formGroup.beforeInputs.html, formGroup.beforeInputs.text, 4)}\n`;
  iterate(params.items).forEach((item, index) => {
    if (!item) return;
    const id = itemId(idPrefix, item, index + 1);
    inner += choice(kind, item, id, input(item, id, head.describedBy));
  });
  if (formGroup?.afterInputs) inner += `    ${htmlOrText(formGroup.afterInputs.html, formGroup.afterInputs.text, 4)}\n`;
  inner += '  </div>\n';

  const given = params.fieldset;
  const grouped = () =>
    fieldset({
      describedBy: head.describedBy,
      classes: given.classes,
      attributes: given.attributes,
      legend: given.legend,
      html: new SafeString(trim(inner)),
    });
  const content = given ? trim(grouped()) : trim(inner);
  return `<div class="${formGroupClasses(params)}"${attributes(formGroup?.attributes)}>\n  ${content}\n</div>\n`;
}

/** The first choice's id has no number, so an error summary can link to it. */
function itemId(idPrefix: Value, item: Value, index: number): Value {
  return item.id ? item.id : idPrefix + (index > 1 ? '-' + index : '');
}

const hasHint = (item: Value) => !!(item.hint?.text || item.hint?.html);

function choice(kind: Kind, item: Value, id: Value, input: ChoiceInput): string {
  if (item.divider) return `    <div class="govuk-${kind}__divider">${text(item.divider)}</div>\n`;
  const conditionalId = 'conditional-' + id;
  const itemLabel = label({
    html: item.html,
    text: item.text,
    classes: `govuk-${kind}__label` + (item.label?.classes ? ' ' + item.label.classes : ''),
    attributes: item.label?.attributes,
    for: id,
  });
  let html =
    `    <div class="govuk-${kind}__item">\n` +
    `      <input class="govuk-${kind}__input" id="${text(id)}" name="${text(input.name)}" type="${kind === 'radios' ? 'radio' : 'checkbox'}" value="${text(item.value)}"` +
    (input.checked ? ' checked' : '') +
    (item.disabled ? ' disabled' : '') +
    (item.conditional?.html ? ` data-aria-controls="${text(conditionalId)}"` : '') +
    (kind === 'checkboxes' ? attr('data-behaviour', item.behaviour) : '') +
    attr('aria-describedby', input.describedBy) +
    `${attributes(item.attributes)}>\n` +
    `      ${indent(trim(itemLabel), 6)}\n`;
  if (hasHint(item)) html += `      ${indent(trim(hintFor(id + '-item-hint', item.hint, `govuk-${kind}__hint`)), 6)}\n`;
  html += '    </div>\n';
  if (item.conditional?.html) {
    html +=
      `    <div class="govuk-${kind}__conditional${input.checked ? '' : ` govuk-${kind}__conditional--hidden`}" id="${text(conditionalId)}">\n` +
      `      ${trim(safe(item.conditional.html))}\n` +
      '    </div>\n';
  }
  return html;
}
