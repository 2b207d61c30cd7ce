/**
 * Equality monitoring: each person answers the questions they choose, on their account,
 * and can change or remove their answers at any time; officers see only counts, with
 * small ones held back, comparing who takes part with the place's members.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kith } from '../../kith.js';
import { lastTwelveMonths, todayInPlace } from '../../platform/dates.js';
import { suppressRow } from '../../platform/suppression.js';
import { freshForm, submitForm, type FormState } from '../../web/forms.js';
import { actorId, placeContext, viewInPlace } from '../../web/place.js';
import { periodOfDays } from '../module.js';
import { EqualityInput, ethnicGroupOf, figureGroups, PREFER_NOT, QUESTION_NAMES, QUESTIONS } from './equality.js';
import { unionOf } from '../figures.js';
import { answerCounts, answersOf, deleteAnswers, membersOf, saveAnswers } from './store.js';

/** The questions that come with a hint under them. */
const HINTED = new Set(['ethnicGroup', 'carer']);

export function equalityRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  function showForm(request: FastifyRequest, reply: FastifyReply, form: FormState, answered: boolean) {
    const { t } = request;
    const questions = QUESTION_NAMES.map((q) => ({
      name: q,
      legend: t(`insight.equality.q.${q}`),
      hint: HINTED.has(q) ? t(`insight.equality.q.${q}.hint`) : undefined,
      error: form.errors?.[q],
      items: [...QUESTIONS[q], PREFER_NOT].map((a) => ({
        value: a,
        text: t(a === PREFER_NOT ? 'insight.equality.preferNot' : `insight.equality.a.${q}.${a}`),
        checked: form.values[q] === a,
      })),
    }));
    return reply.view(
      'insight/equality-form.njk',
      { pageTitle: t('insight.equality.title'), questions, values: form.values, errors: form.errors, answered },
      form.status,
    );
  }

  app.get('/account/equality', async (request, reply) => {
    kith.policy.authorize(request.actor, 'account.view');
    const answers = await answersOf(db(), actorId(request));
    return showForm(request, reply, freshForm(answers ?? {}), answers !== undefined);
  });

  app.post('/account/equality', async (request, reply) => {
    kith.policy.authorize(request.actor, 'account.view');
    const personId = actorId(request);
    return submitForm(request, {
      schema: EqualityInput,
      show: async (form) => showForm(request, reply, form, (await answersOf(db(), personId)) !== undefined),
      run: (answers) => saveAnswers(db(), personId, answers),
      done: () => reply.seeOther('/account/equality', 'insight.equality.saved'),
    });
  });

  app.post('/account/equality/remove', async (request, reply) => {
    kith.policy.authorize(request.actor, 'account.view');
    await deleteAnswers(db(), actorId(request));
    return reply.seeOther('/account/equality', 'insight.equality.removed');
  });

  app.get('/places/:place/insight/equality', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'insight', action: 'insight.view' });
    const { t } = request;
    const span = lastTwelveMonths(todayInPlace());
    const period = periodOfDays(span.from, span.to);
    const takingPart = unionOf(
      kith.modules.flatMap((m) => (m.participants ? [m.participants(db(), ctx.place.id, period)] : [])),
    );
    const members = membersOf(db(), ctx.place.id);
    const tables = await Promise.all(
      QUESTION_NAMES.map(async (q) => {
        const groups = [...figureGroups(q), 'unanswered'];
        const grouped = (counts: Map<string | null, number>) => {
          const byGroup = new Map<string, number>();
          for (const [answer, n] of counts) {
            const group = answer === null ? 'unanswered' : q === 'ethnicGroup' ? ethnicGroupOf(answer) : answer;
            byGroup.set(group, (byGroup.get(group) ?? 0) + n);
          }
          // Each column's cells add up to its total, which is shown: hide small cells, and one more where needed.
          return suppressRow(groups.map((g) => byGroup.get(g) ?? 0));
        };
        const [part, all] = await Promise.all([
          takingPart ? answerCounts(db(), q, takingPart).then(grouped) : grouped(new Map()),
          answerCounts(db(), q, members).then(grouped),
        ]);
        const text = (n: number | null) => (n === null ? t('insight.suppressed') : String(n));
        return {
          question: t(`insight.equality.figures.${q}`),
          rows: groups.map((g, i) => ({
            label: t(
              g === PREFER_NOT
                ? 'insight.equality.preferNot'
                : g === 'unanswered'
                  ? 'insight.equality.unanswered'
                  : q === 'ethnicGroup'
                    ? `insight.equality.group.${g}`
                    : `insight.equality.a.${q}.${g}`,
            ),
            takingPart: text(part.cells[i]!),
            members: text(all.cells[i]!),
          })),
          totals: { takingPart: text(part.total), members: text(all.total) },
        };
      }),
    );
    return viewInPlace(reply, ctx, 'insight/equality.njk', {
      pageTitle: t('insight.equality.figuresTitle'),
      tables,
    });
  });
}
