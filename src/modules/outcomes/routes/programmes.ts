/** Programmes: the sets of activities a place commissions together, reported on as one. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { echoValues, parseInput, ruleFieldErrors, type FieldErrors, submissionKey } from '../../../web/forms.js';
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
    const parsed = parseInput(ProgrammeInput, request.body);
    if (!parsed.ok) return showList(request, reply, ctx, parsed.errors, 400);
    const id = await createProgramme(kith, {
      placeId: ctx.place.id,
      actorId: me(request),
      formKey: submissionKey(request),
      ...parsed.value,
    });
    return reply.seeOther(`${ctx.base}/programmes/${id}`, 'outcomes.programme.created');
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
    const parsed = parseInput(ProgrammeActivitiesInput, request.body);
    if (!parsed.ok) return showProgramme(request, reply, ctx, parsed.errors, 400);
    try {
      await addToProgramme(kith, {
        placeId: ctx.place.id,
        actorId: me(request),
        programmeId,
        activityIds: parsed.value.activities,
      });
    } catch (error) {
      const errors = ruleFieldErrors(error);
      if (errors) return showProgramme(request, reply, ctx, errors, 422);
      throw error;
    }
    return reply.seeOther(`${ctx.base}/programmes/${programmeId}`, 'outcomes.programme.added');
  });
}
