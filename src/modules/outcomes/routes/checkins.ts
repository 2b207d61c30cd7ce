/**
 * A check-in at an activity: a handful of questions a participant answers on their phone
 * in under a minute, or an organiser types in from a paper form after the session.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { echoValues, submitForm, type FieldErrors } from '../../../web/forms.js';
import { activitySummaries, isOrganisationMember } from '../../directory/index.js';
import { pastDate, scaleAnswer, withDate } from '../../prescribing/index.js';
import { questionsFor, recordCheckin } from '../checkins.js';
import { questionText } from '../measures.js';
import { me, placeFor, viewWith, type PlaceContext } from './context.js';

function today(): { day: string; month: string; year: string } {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
    .format(new Date())
    .split('-');
  return { day: String(Number(day)), month: String(Number(month)), year: year! };
}

export function checkinRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function load(request: FastifyRequest, ctx: PlaceContext) {
    const activityId = (request.params as { activity: string }).activity;
    const activity = (await activitySummaries(db(), ctx.place.id, [activityId])).get(activityId);
    if (!activity) throw new NotFoundError();
    const forGroup = kith.policy.can(request.actor, 'impact.checkInForGroup', {
      placeId: ctx.place.id,
      isMember: await isOrganisationMember(db(), ctx.place.id, activity.organisationId, me(request)),
    });
    return { activity, forGroup, questions: await questionsFor(db(), ctx.place.id, activity.id) };
  }

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    loaded: Awaited<ReturnType<typeof load>>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const body = (errors ? request.body : {}) as Record<string, unknown>;
    return viewWith(
      reply,
      ctx,
      'outcomes/checkin.njk',
      {
        pageTitle: request.t('outcomes.checkin.title', { activity: loaded.activity.name }),
        activity: loaded.activity,
        forGroup: loaded.forGroup,
        questions: loaded.questions.map((q) => ({
          id: q.id,
          text: questionText(request.lang, q),
          items: Array.from({ length: q.scaleMax - q.scaleMin + 1 }, (_, i) => {
            const value = String(q.scaleMin + i);
            return { value, text: value, checked: body[`q-${q.id}`] === value };
          }),
          lowLabel: request.t('outcomes.checkin.low', { n: q.scaleMin }),
          highLabel: request.t('outcomes.checkin.high', { n: q.scaleMax }),
        })),
        sessionOn:
          body['sessionOn-day'] !== undefined
            ? {
                day: String(body['sessionOn-day']),
                month: String(body['sessionOn-month']),
                year: String(body['sessionOn-year']),
              }
            : today(),
        values: errors ? echoValues(request.body) : {},
        errors,
        fieldIds: {
          sessionOn: 'sessionOn-day',
          ...Object.fromEntries(loaded.questions.map((q) => [`q-${q.id}`, `q-${q.id}`])),
        },
      },
      status,
    );
  }

  app.get('/places/:place/check-in/:activity', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.takePart');
    return show(request, reply, ctx, await load(request, ctx));
  });

  app.post('/places/:place/check-in/:activity', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.takePart');
    const loaded = await load(request, ctx);
    if (!loaded.questions.length) throw new NotFoundError();
    const body = withDate(request.body, 'sessionOn');
    const fromPaper = loaded.forGroup && body.fromPaper === 'yes';
    const schema = z.object({
      ...Object.fromEntries(
        loaded.questions.map((q) => [
          `q-${q.id}`,
          scaleAnswer(q.scaleMin, q.scaleMax, {
            required: 'outcomes.validation.checkin.required',
            range: 'outcomes.validation.checkin.range',
          }),
        ]),
      ),
      sessionOn: fromPaper ? pastDate('outcomes.validation.date') : z.unknown(),
    });
    return submitForm(request, {
      schema,
      input: body,
      show: (form) => show(request, reply, ctx, loaded, form.errors, form.status),
      run: (value, submission) => {
        const values = value as Record<string, unknown>;
        const sessionOn = fromPaper
          ? String(values.sessionOn)
          : today().year + '-' + today().month.padStart(2, '0') + '-' + today().day.padStart(2, '0');
        return recordCheckin(kith, {
          placeId: ctx.place.id,
          activityId: loaded.activity.id,
          sessionOn,
          actorId: me(request),
          formKey: submission.key,
          fromPaper,
          answers: loaded.questions.map((q) => ({ indicatorId: q.id, value: values[`q-${q.id}`] as number })),
        });
      },
      done: () =>
        reply.seeOther(
          `/places/${ctx.place.slug}/check-in/${loaded.activity.id}`,
          fromPaper ? 'outcomes.checkin.paperDone' : 'outcomes.checkin.done',
        ),
    });
  });
}
