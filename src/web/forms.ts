import type { z } from 'zod';
import type { Params, Translate } from './i18n.js';

/** A problem with one field: a catalogue key and what to fill into it. */
export interface FieldError {
  key: string;
  params?: Params;
}
export type FieldErrors = Record<string, FieldError>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const KEY = /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$/;

/**
 * Checks input against a schema. Schemas name their messages by catalogue key; any
 * other message (a type mismatch on a field a form does not have) becomes the generic
 * "check this" message. The first problem per field is kept, in schema order.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    // A problem with one of several ticked boxes belongs to the group, not to box number 2.
    const field =
      issue.path
        .filter((p) => typeof p !== 'number')
        .map(String)
        .join('.') || 'form';
    if (errors[field]) continue;
    const key = KEY.test(issue.message) ? issue.message : 'validation.invalid';
    const params: Params = {};
    if ('minimum' in issue && issue.minimum !== undefined) params.minimum = Number(issue.minimum);
    if ('maximum' in issue && issue.maximum !== undefined) params.maximum = Number(issue.maximum);
    errors[field] = { key, params };
  }
  return { ok: false, errors };
}

/** What a template needs for the GOV.UK error summary and the messages beside fields. */
export interface PresentedErrors {
  summary: Array<{ text: string; href: string }>;
  fields: Record<string, { text: string; visuallyHiddenText: string }>;
}

export function presentErrors(
  t: Translate,
  errors: FieldErrors | undefined,
  fieldIds: Record<string, string> = {},
): PresentedErrors {
  const presented: PresentedErrors = { summary: [], fields: {} };
  for (const [field, error] of Object.entries(errors ?? {})) {
    const text = t(error.key, error.params);
    presented.summary.push({ text, href: `#${fieldIds[field] ?? field}` });
    presented.fields[field] = { text, visuallyHiddenText: t('common.errorPrefix') };
  }
  return presented;
}

/** HTML forms send one value as a string and several as an array: always get an array. */
export function asArray(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** A domain rule's refusal that belongs beside a field, as that field's error. */
export function ruleFieldErrors(error: unknown): FieldErrors | undefined {
  const e = error as { field?: string; key?: string; params?: Params; status?: number };
  if (e && e.status === 422 && e.field && e.key) return { [e.field]: { key: e.key, params: e.params } };
  return undefined;
}

/** What a person typed, to show again beside its errors; never passwords or tokens. */
export function echoValues(body: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries((body as Record<string, unknown>) ?? {})) {
    if (name.startsWith('_') || /password|confirm|token/i.test(name)) continue;
    values[name] = value;
  }
  return values;
}

/** The idempotency key a form or API client sent with a submission. */
export function submissionKey(request: { body?: unknown; headers: Record<string, unknown> }): string | undefined {
  const fromForm = (request.body as Record<string, unknown> | undefined)?._idem;
  const fromHeader = request.headers['idempotency-key'];
  const key = typeof fromForm === 'string' ? fromForm : typeof fromHeader === 'string' ? fromHeader : undefined;
  return key && key.length <= 100 ? key : undefined;
}
