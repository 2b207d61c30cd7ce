/** The one form page community asset transfer's steps share: GOV.UK fields listed by type, with errors beside each. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormState } from '../../../web/forms.js';
import { readableErrors, viewWith, type PlaceContext } from './context.js';

export interface Field {
  type: 'textarea' | 'input' | 'select' | 'radios' | 'checkboxes' | 'date';
  name: string;
  label: string;
  hint?: string;
  items?: unknown[];
  rows?: number;
  classes?: string;
  prefix?: { text: string };
  inputmode?: string;
}

/** A GOV.UK date input's three boxes, for the generic form. */
export function dateField(request: FastifyRequest, name: string, label: string, form: FormState, hint?: string): Field {
  return {
    type: 'date',
    name,
    label,
    hint,
    items: ['day', 'month', 'year'].map((part) => ({
      name: part,
      label: request.t(`assets.date.${part}`),
      classes: `govuk-input--width-${part === 'year' ? 4 : 2}${form.errors?.[name] ? ' govuk-input--error' : ''}`,
      value: form.values[`${name}-${part}`],
      inputmode: 'numeric',
    })),
  };
}

/** The transfer form page: its fields, what it is about, and where it goes back to. */
export function showTransferForm(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: PlaceContext,
  page: {
    title: string;
    caption: string;
    lead?: string;
    inset?: string;
    rows?: unknown[];
    action: string;
    backHref: string;
    backText: string;
    fields: Field[];
    submitText?: string;
    submitClasses?: string;
    looseError?: string;
  },
  form: FormState,
) {
  const fieldIds: Record<string, string> = {};
  for (const f of page.fields) {
    if (f.type === 'date') fieldIds[f.name] = `${f.name}-day`;
    if (f.type === 'radios' || f.type === 'checkboxes') fieldIds[f.name] = f.name;
  }
  return viewWith(
    reply,
    ctx,
    'assets/transfer-form.njk',
    {
      pageTitle: page.title,
      ...page,
      submitText: page.submitText ?? request.t('assets.transfer.submit'),
      values: form.values,
      errors: readableErrors(request, form.errors),
      fieldIds,
    },
    form.status,
  );
}
