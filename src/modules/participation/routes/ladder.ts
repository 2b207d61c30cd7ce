/** The ladder-of-participation self-assessment: a service answers, sees its rung, and the place sees everyone's over time. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { longDate, placeParts } from '../../../platform/dates.js';
import { freshForm, submitForm, type FormState } from '../../../web/forms.js';
import { actorId, viewInPlace } from '../../../web/place.js';
import { explainerFor } from '../../library/index.js';
import { AssessmentInput } from '../inputs.js';
import { assess } from '../participation.js';
import { placeOnLadder, QUESTIONS, type Answers } from '../rules.js';
import { LADDER } from '../schema.js';
import { assessmentsIn, assessmentsOfService, findAssessment } from '../store.js';
import { participationPlace, type PlaceContext } from './context.js';

const ANSWERS = [0, 1, 2, 3] as const;

export function ladderRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function showForm(request: FastifyRequest, reply: FastifyReply, ctx: PlaceContext, form: FormState) {
    const v = form.values;
    const explainer = await explainerFor(kith, request, ctx.place);
    return viewInPlace(
      reply,
      ctx,
      'participation/ladder-form.njk',
      {
        pageTitle: request.t('participation.ladder.title'),
        explained: [explainer.first('ladder-of-co-production'), explainer.first('co-production')],
        values: v,
        errors: form.errors,
        questions: QUESTIONS.map((q) => ({
          id: q.id,
          legend: request.t(`participation.ladder.q.${q.id}`),
          hint: request.t(
            q.principle ? `participation.ladder.principle.${q.id}` : `participation.ladder.q.${q.id}.hint`,
          ),
          items: ANSWERS.map((a) => ({
            value: String(a),
            text: request.t(`participation.ladder.answer.${a}`),
            checked: v[q.id] === String(a),
          })),
        })),
        fieldIds: Object.fromEntries(QUESTIONS.map((q) => [q.id, q.id])),
      },
      form.status,
    );
  }

  app.get('/places/:place/participation/ladder', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.assess');
    const service = (request.query as { service?: unknown }).service;
    return showForm(request, reply, ctx, freshForm(typeof service === 'string' ? { service } : {}));
  });

  app.post('/places/:place/participation/ladder', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.assess');
    return submitForm(request, {
      schema: AssessmentInput,
      show: (form) => showForm(request, reply, ctx, form),
      run: (assessment, submission) =>
        assess(kith, { placeId: ctx.place.id, personId: actorId(request), assessment, submission }),
      done: (id) => reply.seeOther(`${ctx.base}/ladder/results/${id}`, 'participation.ladder.saved'),
    });
  });

  app.get('/places/:place/participation/ladder/results/:assessment', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.assess');
    const assessment = await findAssessment(db(), ctx.place.id, (request.params as { assessment: string }).assessment);
    if (!assessment) throw new NotFoundError();
    const placement = placeOnLadder(assessment.answers as Answers);
    const history = await assessmentsOfService(db(), ctx.place.id, assessment.service);
    const t = request.t;
    return viewInPlace(reply, ctx, 'participation/ladder-result.njk', {
      pageTitle: t('participation.ladder.result.title', { service: assessment.service }),
      assessment,
      rungText: t(`participation.rung.${placement.rung}`),
      rungMeaning: t(`participation.rung.${placement.rung}.meaning`),
      groupText: t(`participation.group.${placement.group}`),
      why: placement.why.map((k) => t(k)),
      next: placement.next.map((k) => t(k)),
      ladder: [...LADDER].reverse().map((r) => ({ text: t(`participation.rung.${r}`), here: r === placement.rung })),
      history: history.map((h) => ({
        when: longDate(placeParts(h.createdAt).date, request.lang),
        rungText: t(`participation.rung.${h.rung}`),
        current: h.id === assessment.id,
      })),
      again: `${ctx.base}/ladder?service=${encodeURIComponent(assessment.service)}`,
    });
  });

  app.get('/places/:place/participation/ladder/services', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.assessments');
    const all = await assessmentsIn(db(), ctx.place.id);
    const services = new Map<string, typeof all>();
    for (const a of all) {
      const key = a.service.trim().toLowerCase().replace(/\s+/g, ' ');
      services.set(key, [...(services.get(key) ?? []), a]);
    }
    const t = request.t;
    return viewInPlace(reply, ctx, 'participation/ladder-services.njk', {
      pageTitle: t('participation.ladder.services.title'),
      services: [...services.values()].map((list) => {
        const latest = list[list.length - 1]!;
        const first = list[0]!;
        const moved = LADDER.indexOf(latest.rung) - LADDER.indexOf(first.rung);
        return {
          name: latest.service,
          rungText: t(`participation.rung.${latest.rung}`),
          movement: t(
            moved > 0
              ? 'participation.ladder.moved.up'
              : moved < 0
                ? 'participation.ladder.moved.down'
                : 'participation.ladder.moved.none',
            {
              count: Math.abs(moved),
            },
          ),
          history: list.map((h) => ({
            when: longDate(placeParts(h.createdAt).date, request.lang),
            rungText: t(`participation.rung.${h.rung}`),
            href: `${ctx.base}/ladder/results/${h.id}`,
          })),
        };
      }),
    });
  });
}
