import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { RuleError } from '../errors.js';
import { withDates } from './fields.js';
import { submitForm, type FormState } from './forms.js';

/** Just enough of a request for submitForm: a body, no headers, someone signed in. */
const requestWith = (body: Record<string, unknown>) =>
  ({ body, headers: {}, actor: { personId: 'p1' } }) as unknown as FastifyRequest;

const Dated = z.object({
  title: z.string().min(1, 'test.title.required'),
  date: z.object({ day: z.string().min(1), month: z.string(), year: z.string() }),
});

/** Runs a form and says what a person would see: the page (status, values, errors) or where they were sent. */
async function answer(body: Record<string, unknown>, options: Partial<Parameters<typeof submitForm>[1]> = {}) {
  let shown: FormState | undefined;
  let sentTo: unknown;
  await submitForm(requestWith(body), {
    schema: Dated,
    input: withDates(body, 'date'),
    show: (form) => {
      shown = form;
      return {} as FastifyReply;
    },
    run: async () => 'new-id',
    done: (id) => {
      sentTo = id;
      return {} as FastifyReply;
    },
    ...options,
  });
  return { shown, sentTo };
}

test('a form that reads a date from its parts shows back the parts as typed, not the merged date', async () => {
  const body = { title: '', 'date-day': '3', 'date-month': '4', 'date-year': '2026', _csrf: 'secret' };
  const { shown } = await answer(body, { echo: body });
  assert.equal(shown?.status, 400);
  assert.deepEqual(shown?.values, { title: '', 'date-day': '3', 'date-month': '4', 'date-year': '2026' });
  assert.equal(shown?.errors?.title?.key, 'test.title.required');
});

test('a check the schema cannot make answers 400 beside its field and runs nothing', async () => {
  let ran = false;
  const body = { title: 'Fête', 'date-day': '3', 'date-month': '4', 'date-year': '2026' };
  const { shown, sentTo } = await answer(body, {
    echo: body,
    check: async () => ({ title: { key: 'test.title.taken' } }),
    run: async () => {
      ran = true;
      return 'id';
    },
  });
  assert.equal(shown?.status, 400);
  assert.equal(shown?.errors?.title?.key, 'test.title.taken');
  assert.equal(shown?.values.title, 'Fête');
  assert.equal(ran, false);
  assert.equal(sentTo, undefined);
});

test('a rule refusal shows the page again at 422, and success goes where done says', async () => {
  const body = { title: 'Fête', 'date-day': '3', 'date-month': '4', 'date-year': '2026' };
  const refused = await answer(body, {
    echo: body,
    run: async () => {
      throw new RuleError('test.date.past', {}, 'date');
    },
  });
  assert.equal(refused.shown?.status, 422);
  assert.equal(refused.shown?.errors?.date?.key, 'test.date.past');
  assert.equal(refused.shown?.values['date-day'], '3');
  const passed = await answer(body, { echo: body });
  assert.equal(passed.shown, undefined);
  assert.equal(passed.sentTo, 'new-id');
});
