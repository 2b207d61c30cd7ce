import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { KithError } from '../errors.js';
import type { Submission } from '../platform/idempotency/index.js';
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

/** Longest submission key Kith keeps; the OpenAPI text says so. */
export const MAX_SUBMISSION_KEY = 100;

/**
 * The idempotency key a form (`_idem`) or API client (`Idempotency-Key`) sent with a
 * submission. A key Kith cannot keep is refused (400) rather than dropped: dropping it
 * would let a retried payment pay twice.
 */
export function submissionKey(request: { body?: unknown; headers: Record<string, unknown> }): string | undefined {
  const fromForm = (request.body as Record<string, unknown> | undefined)?._idem;
  const fromHeader = request.headers['idempotency-key'];
  const key = typeof fromForm === 'string' ? fromForm : typeof fromHeader === 'string' ? fromHeader : undefined;
  if (key === undefined || key === '') return undefined;
  if (key.length > MAX_SUBMISSION_KEY || /[\u0000-\u001f\u007f]/.test(key)) {
    throw new KithError(400, 'error.submissionKey.body', { maximum: String(MAX_SUBMISSION_KEY) });
  }
  return key;
}

/** Who sent a submission and the key they sent it with, for `once` (platform/idempotency). */
export function submissionOf(request: FastifyRequest): Submission {
  return { owner: request.actor.personId ?? 'anonymous', key: submissionKey(request) };
}

/** What a form page shows: the values to fill in, the errors beside them, and the status to answer with. */
export interface FormState {
  values: Record<string, unknown>;
  errors?: FieldErrors;
  status: number;
}

/** A blank or prefilled form, as its page first shows it. */
export function freshForm(values: Record<string, unknown> = {}): FormState {
  return { values, status: 200 };
}

/**
 * Handles a form's POST the one way Kith does: parse the input against its schema
 * (400 and the same page with each problem beside its field), run the command with the
 * submission key so a double click or a retry counts once, show a rule's refusal beside
 * its field (422), and on success redirect (303) to what `done` says. What the person
 * typed comes back on an error page, never a password or token.
 */
export async function submitForm<S extends z.ZodType, R>(
  request: FastifyRequest,
  options: {
    schema: S;
    /** What to parse; the request's body unless given (a query, a merged object). */
    input?: unknown;
    /** What to show again on an error page; the input unless given (the body as typed, when the input merges date parts). */
    echo?: unknown;
    /** A check the schema cannot make (a chosen organisation exists here): its problems answer 400, like the schema's. */
    check?: (value: z.output<S>) => FieldErrors | undefined | Promise<FieldErrors | undefined>;
    /** The form's page, with the values and errors to show. */
    show: (form: FormState) => FastifyReply | Promise<FastifyReply>;
    /** The command, given the parsed value and the submission for its `once`. */
    run: (value: z.output<S>, submission: Submission) => Promise<R>;
    /** Where to go after success, usually reply.seeOther(url, flashKey). */
    done: (result: R) => FastifyReply | Promise<FastifyReply>;
    /** A rule's refusal as field errors; ruleFieldErrors unless the module words its own. */
    refusals?: (error: unknown) => FieldErrors | undefined;
  },
): Promise<FastifyReply> {
  const input = options.input ?? request.body;
  const echo = () => echoValues(options.echo ?? input);
  const submission = submissionOf(request);
  const parsed = parseInput(options.schema, input);
  if (!parsed.ok) return options.show({ values: echo(), errors: parsed.errors, status: 400 });
  const problems = await options.check?.(parsed.value);
  if (problems) return options.show({ values: echo(), errors: problems, status: 400 });
  let result: R;
  try {
    result = await options.run(parsed.value, submission);
  } catch (error) {
    const errors = (options.refusals ?? ruleFieldErrors)(error);
    if (errors) return options.show({ values: echo(), errors, status: 422 });
    throw error;
  }
  return options.done(result);
}
