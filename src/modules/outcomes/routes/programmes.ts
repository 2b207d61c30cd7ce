/** Programmes: the sets of activities a place commissions together, reported on as one. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { echoValues, submitForm, type FieldErrors } from '../../../web/forms.js';
import { activitySummaries } from '../../directory/index.js';
import { addToProgramme, createProgramme } from '../frameworks.js';
import { ProgrammeActivitiesInput, ProgrammeInput } from '../inputs.js';
import { findProgramme, programmeActivityIds, programmesOf } from '../store.js';
import { activityChoices, me, placeFor, viewWith, type PlaceContext } from './context.js';

export function programmeRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function showList(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    errors?: FieldErrors,
    status = 200,
  ) {
    return viewWith(
      reply,
      ctx,
      'outcomes/programmes.njk',
      {
        pageTitle: request.t('outcomes.programmes.title'),
        programmes: await programmesOf(db(), ctx.place.id),
        values: errors ? echoValues(request.body) : {},
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/outcomes/programmes', async (request, reply) =>
    showList(request, reply, await placeFor(kith, request, 'impact.manage')),
  );

  app.post('/places/:place/outcomes/programmes', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.manage');
    return submitForm(request, {
      schema: ProgrammeInput,
      show: (form) => showList(request, reply, ctx, form.errors, form.status),
      run: (programme, submission) =>
        createProgramme(kith, { placeId: ctx.place.id, actorId: me(request), formKey: submission.key, ...programme }),
      done: (id) => reply.seeOther(`${ctx.base}/programmes/${id}`, 'outcomes.programme.created'),
    });
  });

  async function showProgramme(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    errors?: FieldErrors,
    status = 200,
  ) {
    const programme = await findProgramme(db(), ctx.place.id, (request.params as { programme: string }).programme);
    if (!programme) throw new NotFoundError();
    const source = (errors ? request.body : request.query) as Record<string, unknown>;
    const q = typeof source.q === 'string' ? source.q.trim().slice(0, 100) : '';
    const members = await activitySummaries(db(), ctx.place.id, await programmeActivityIds(db(), programme.id));
    return viewWith(
      reply,
      ctx,
      'outcomes/programme.njk',
      {
        pageTitle: programme.name,
        programme,
        activities: [...members.values()].sort((a, b) => a.name.localeCompare(b.name)),
        q,
        choices: await activityChoices(kith, request, ctx, q, [source.activities ?? []].flat().map(String)),
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/outcomes/programmes/:programme', async (request, reply) =>
    showProgramme(request, reply, await placeFor(kith, request, 'impact.manage')),
  );

  app.post('/places/:place/outcomes/programmes/:programme', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.manage');
    const programmeId = (request.params as { programme: string }).programme;
    return submitForm(request, {
      schema: ProgrammeActivitiesInput,
      show: (form) => showProgramme(request, reply, ctx, form.errors, form.status),
      run: ({ activities }) =>
        addToProgramme(kith, { placeId: ctx.place.id, actorId: me(request), programmeId, activityIds: activities }),
      done: () => reply.seeOther(`${ctx.base}/programmes/${programmeId}`, 'outcomes.programme.added'),
    });
  });
}
