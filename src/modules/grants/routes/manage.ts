/** Officers' pages (funds, rounds, panels, decisions) and the panel's own pages. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { withDates } from '../../../web/fields.js';
import { freshForm, submitForm, type FormState } from '../../../web/forms.js';
import { actorId } from '../../../web/place.js';
import { namesOf } from '../../people/index.js';
import {
  addToPanel,
  changeRound,
  createFund,
  createRound,
  decide,
  declare,
  publishVote,
  rankingOf,
  score,
  shortlist,
} from '../grants.js';
import { ConflictInput, DecisionInput, FundInput, PanelMemberInput, RoundInput, scoreInput } from '../inputs.js';
import { formatPence, penceAsPounds } from '../rules.js';
import { monitoringOverdue } from '../awards.js';
import { longDate, placeParts } from '../../../platform/dates.js';
import { APPLICANT_KINDS, DECIDED_BY } from '../schema.js';
import {
  checkedInIn,
  conflictsIn,
  criteriaOf,
  findFund,
  fundsOf,
  panelOf,
  questionsOf,
  roundsOf,
  scoresIn,
  termsIn,
  type Fund,
  type Round,
} from '../store.js';
import {
  applicationIn,
  grantsPlace,
  lastDay,
  phaseOf,
  presentApplication,
  presentRound,
  roundIn,
  view,
  type PlaceContext,
  type Reply,
} from './context.js';
import { supportingFilesInRound, supportingFilesOf } from '../files-store.js';
import { presentFile } from './files.js';

const DATES = ['opensOn', 'closesOn', 'voteOpensOn', 'voteClosesOn'];
const ShortlistInput = z.object({ on: z.enum(['yes', 'no']).transform((v) => v === 'yes') });

export function manageRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;
  const manage = (request: FastifyRequest) => grantsPlace(kith, request, 'smallGrants.manage');

  async function fundIn(request: FastifyRequest, ctx: PlaceContext): Promise<Fund> {
    const fund = await findFund(db(), ctx.place.id, (request.params as { fund: string }).fund);
    if (!fund) throw new NotFoundError();
    return fund;
  }

  function showFundForm(request: FastifyRequest, reply: Reply, ctx: PlaceContext, form: FormState) {
    return view(
      reply,
      ctx,
      'grants/fund-form.njk',
      { pageTitle: request.t('grants.fund.new'), values: form.values, errors: form.errors },
      form.status,
    );
  }

  app.get('/places/:place/grants/funds/new', async (request, reply) => {
    const ctx = await manage(request);
    const funds = await fundsOf(db(), ctx.place.id);
    return showFundForm(
      request,
      reply,
      ctx,
      freshForm({ funderName: ctx.name, prefix: funds[0]?.prefix ?? '', funderId: funds[0]?.funderId ?? '' }),
    );
  });

  app.post('/places/:place/grants/funds/new', async (request, reply) => {
    const ctx = await manage(request);
    return submitForm(request, {
      schema: FundInput,
      show: (form) => showFundForm(request, reply, ctx, form),
      run: (fund, submission) =>
        createFund(kith, { placeId: ctx.place.id, personId: actorId(request), fund, submission }),
      done: (id) => reply.seeOther(`${ctx.base}/funds/${id}`, 'grants.fund.created'),
    });
  });

  app.get('/places/:place/grants/funds/:fund', async (request, reply) => {
    const ctx = await manage(request);
    const fund = await fundIn(request, ctx);
    const rounds = await roundsOf(db(), ctx.place.id, fund.id);
    return view(reply, ctx, 'grants/fund.njk', {
      pageTitle: fund.name,
      fund,
      rounds: rounds.map((r) => presentRound(request.t, request.lang, r)),
    });
  });

  /** The round form, for a new round or (with `round`) for changing one: the same fields either way. */
  function showRoundForm(
    request: FastifyRequest,
    reply: Reply,
    ctx: PlaceContext,
    fund: Fund,
    form: FormState,
    round?: Round,
  ) {
    const v = form.values;
    const chosen = Array.isArray(v.whoMayApply) ? v.whoMayApply : [v.whoMayApply];
    return view(
      reply,
      ctx,
      'grants/round-form.njk',
      {
        pageTitle: round
          ? request.t('grants.round.change.title', { round: round.title })
          : request.t('grants.round.new'),
        fund,
        round,
        action: round ? `${ctx.base}/rounds/${round.id}/edit` : `${ctx.base}/funds/${fund.id}/rounds/new`,
        submitText: request.t(round ? 'grants.round.change.save' : 'grants.round.create'),
        values: v,
        errors: form.errors,
        kinds: APPLICANT_KINDS.filter((k) => k !== 'individual' || fund.allowsIndividuals).map((k) => ({
          value: k,
          text: request.t(`grants.kind.${k}`),
          checked: chosen.includes(k),
        })),
        decidedBy: DECIDED_BY.map((d) => ({
          value: d,
          text: request.t(`grants.decidedBy.${d}`),
          checked: v.decidedBy === d,
        })),
        ballotKinds: ['budget', 'count'].map((b) => ({
          value: b,
          text: request.t(`grants.ballotKind.${b}`),
          checked: (v.ballotKind ?? 'budget') === b,
        })),
        fieldIds: {
          whoMayApply: 'whoMayApply',
          decidedBy: 'decidedBy',
          opensOn: 'opensOn-day',
          closesOn: 'closesOn-day',
          voteOpensOn: 'voteOpensOn-day',
          voteClosesOn: 'voteClosesOn-day',
          ballotKind: 'ballotKind',
          title: 'title',
        },
      },
      form.status,
    );
  }

  app.get('/places/:place/grants/funds/:fund/rounds/new', async (request, reply) => {
    const ctx = await manage(request);
    const fund = await fundIn(request, ctx);
    return showRoundForm(
      request,
      reply,
      ctx,
      fund,
      freshForm({
        whoMayApply: ['constituted', 'informal'],
        decidedBy: 'panel',
        ballotKind: 'budget',
        criteria: request.t('grants.round.criteriaExample'),
        questions: request.t('grants.round.questionsExample'),
      }),
    );
  });

  app.post('/places/:place/grants/funds/:fund/rounds/new', async (request, reply) => {
    const ctx = await manage(request);
    const fund = await fundIn(request, ctx);
    return submitForm(request, {
      schema: RoundInput,
      input: withDates(request.body, ...DATES),
      echo: request.body,
      show: (form) => showRoundForm(request, reply, ctx, fund, form),
      run: (round, submission) =>
        createRound(kith, { placeId: ctx.place.id, personId: actorId(request), fundId: fund.id, round, submission }),
      done: (id) => reply.seeOther(`${ctx.base}/rounds/${id}/manage`, 'grants.round.created'),
    });
  });

  /** A round's terms as the form shows them, so changing a round starts from what it is. */
  async function roundFormValues(round: Round): Promise<Record<string, unknown>> {
    const [criteria, questions] = await Promise.all([criteriaOf(db(), round.id), questionsOf(db(), round.id)]);
    const day = (name: string, date: string | null): Record<string, string> => {
      if (!date) return {};
      const [year, month, d] = date.split('-') as [string, string, string];
      return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
    };
    return {
      title: round.title,
      purpose: round.purpose,
      budget: penceAsPounds(round.budgetPence),
      minAward: penceAsPounds(round.minAwardPence),
      maxAward: penceAsPounds(round.maxAwardPence),
      whoMayApply: round.whoMayApply,
      area: round.area,
      districts: round.districts.join(', '),
      ...day('opensOn', placeParts(round.opensAt).date),
      ...day('closesOn', lastDay(round.closesAt)),
      ...day('voteOpensOn', round.voteOpensAt && placeParts(round.voteOpensAt).date),
      ...day('voteClosesOn', round.voteClosesAt && lastDay(round.voteClosesAt)),
      decidedBy: round.decidedBy,
      ballotKind: round.ballotKind,
      voteMaxProjects: round.voteMaxProjects ? String(round.voteMaxProjects) : '',
      criteria: criteria.map((c) => `${c.name} | ${c.weight}`).join('\n'),
      questions: questions.map((q) => `${q.text} | ${q.wordLimit}`).join('\n'),
    };
  }

  async function roundToChange(request: FastifyRequest, ctx: PlaceContext) {
    const round = await roundIn(kith, request, ctx);
    const fund = await findFund(db(), ctx.place.id, round.fundId);
    if (!fund) throw new NotFoundError();
    return { round, fund };
  }

  app.get('/places/:place/grants/rounds/:round/edit', async (request, reply) => {
    const ctx = await manage(request);
    const { round, fund } = await roundToChange(request, ctx);
    return showRoundForm(request, reply, ctx, fund, freshForm(await roundFormValues(round)), round);
  });

  app.post('/places/:place/grants/rounds/:round/edit', async (request, reply) => {
    const ctx = await manage(request);
    const { round, fund } = await roundToChange(request, ctx);
    return submitForm(request, {
      schema: RoundInput,
      input: withDates(request.body, ...DATES),
      echo: request.body,
      show: (form) => showRoundForm(request, reply, ctx, fund, form, round),
      run: (change) =>
        changeRound(kith, { placeId: ctx.place.id, personId: actorId(request), roundId: round.id, round: change }),
      done: () => reply.seeOther(`${ctx.base}/rounds/${round.id}/manage`, 'grants.round.changed'),
    });
  });

  /** The ranked list: each application's weighted score, and the running total against the budget. */
  async function rankedList(round: Round, t: FastifyRequest['t'], hideFrom?: string) {
    const { criteria, scores, decisions, conflicts, ranked } = await rankingOf(db(), round.id);
    const decided = new Map(decisions.map((d) => [d.applicationId, d]));
    let running = 0;
    return {
      criteria,
      conflicts,
      scores,
      rows: ranked.map(({ a, total, scorers }) => {
        running += a.amountPence;
        const d = decided.get(a.id);
        const conflicted =
          hideFrom !== undefined &&
          conflicts.some((c) => c.applicationId === a.id && c.personId === hideFrom && c.conflicted);
        return {
          ...presentApplication(t, a),
          total: conflicted ? null : total,
          scorers,
          running: formatPence(running),
          overBudget: running > round.budgetPence,
          decision: d && { ...d, amount: formatPence(d.amountPence), outcomeText: t(`grants.outcome.${d.outcome}`) },
          conflicted,
        };
      }),
      committed: decisions.reduce((s, d) => s + d.amountPence, 0),
    };
  }

  async function showManage(request: FastifyRequest, reply: Reply, ctx: PlaceContext, round: Round, form: FormState) {
    const list = await rankedList(round, request.t);
    const panel = await panelOf(db(), round.id);
    const monitoring = await monitoringIn(round.id, request.lang);
    const names = await namesOf(db(), panel);
    return view(
      reply,
      ctx,
      'grants/manage.njk',
      {
        pageTitle: round.title,
        // Not the same title as the round's public page (WCAG 2.4.2).
        documentTitle: request.t('common.managing', { name: round.title }),
        round: presentRound(request.t, request.lang, round),
        rows: list.rows.map((r) => ({ ...r, monitoringOverdue: monitoring.get(r.id) })),
        criteria: list.criteria,
        committed: formatPence(list.committed),
        left: formatPence(round.budgetPence - list.committed),
        panel: panel.map((id) => names.get(id) ?? request.t('grants.someone')),
        canChange: !round.resultsPublishedAt,
        canPublish: round.decidedBy !== 'panel' && !round.resultsPublishedAt && phaseOf(round) === 'counting',
        shortlisting: round.decidedBy === 'panel_then_vote' && !round.resultsPublishedAt,
        values: form.values,
        errors: form.errors,
        errorFor: form.values.applicationId,
        filesOf: Object.fromEntries(
          [...(await supportingFilesInRound(db(), round.id))].map(([id, files]) => [
            id,
            files.map((f) => presentFile(ctx.base, f)),
          ]),
        ),
      },
      form.status,
    );
  }

  /** Awards whose monitoring form is 28 days past the end date and not back: the date it was due, by application. */
  async function monitoringIn(roundId: string, lang: string): Promise<Map<string, string>> {
    const [terms, checkedIn] = await Promise.all([termsIn(db(), roundId), checkedInIn(db(), roundId)]);
    return new Map(
      terms
        .filter((term) => monitoringOverdue(term.endsOn, checkedIn.has(term.applicationId)))
        .map((term) => [term.applicationId, longDate(term.endsOn, lang)]),
    );
  }

  app.get('/places/:place/grants/rounds/:round/manage', async (request, reply) => {
    const ctx = await manage(request);
    const round = await roundIn(kith, request, ctx);
    return showManage(request, reply, ctx, round, freshForm());
  });

  app.post('/places/:place/grants/rounds/:round/panel', async (request, reply) => {
    const ctx = await manage(request);
    const round = await roundIn(kith, request, ctx);
    return submitForm(request, {
      schema: PanelMemberInput,
      show: (form) => showManage(request, reply, ctx, round, form),
      run: (input) =>
        addToPanel(kith, { placeId: ctx.place.id, personId: actorId(request), roundId: round.id, email: input.email }),
      done: () => reply.seeOther(`${ctx.base}/rounds/${round.id}/manage#panel`, 'grants.panel.added'),
    });
  });

  app.post('/places/:place/grants/rounds/:round/applications/:application/decision', async (request, reply) => {
    const ctx = await manage(request);
    const round = await roundIn(kith, request, ctx);
    const application = await applicationIn(kith, request, ctx);
    if (application.roundId !== round.id) throw new NotFoundError();
    return submitForm(request, {
      schema: DecisionInput,
      show: (form) =>
        showManage(request, reply, ctx, round, { ...form, values: { ...form.values, applicationId: application.id } }),
      run: (input, submission) =>
        decide(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          roundId: round.id,
          applicationId: application.id,
          outcome: input.outcome,
          amountPence: input.amount,
          reasons: input.reasons,
          submission,
        }),
      done: () => reply.seeOther(`${ctx.base}/rounds/${round.id}/manage`, 'grants.decision.recorded'),
    });
  });

  app.post('/places/:place/grants/rounds/:round/applications/:application/shortlist', async (request, reply) => {
    const ctx = await manage(request);
    const round = await roundIn(kith, request, ctx);
    const application = await applicationIn(kith, request, ctx);
    if (application.roundId !== round.id) throw new NotFoundError();
    return submitForm(request, {
      schema: ShortlistInput,
      show: (form) => showManage(request, reply, ctx, round, form),
      run: (input) =>
        shortlist(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          applicationId: application.id,
          on: input.on,
        }),
      done: () => reply.seeOther(`${ctx.base}/rounds/${round.id}/manage`, 'grants.shortlist.changed'),
    });
  });

  app.post('/places/:place/grants/rounds/:round/publish', async (request, reply) => {
    const ctx = await manage(request);
    const round = await roundIn(kith, request, ctx);
    return submitForm(request, {
      schema: z.object({}),
      show: (form) => showManage(request, reply, ctx, round, form),
      run: () => publishVote(kith, { placeId: ctx.place.id, personId: actorId(request), roundId: round.id }),
      done: () => reply.seeOther(`${ctx.base}/rounds/${round.id}`, 'grants.results.published'),
    });
  });

  // The panel's pages: only for the members of this round's panel.

  async function panelRound(request: FastifyRequest) {
    const ctx = await grantsPlace(kith, request, 'smallGrants.apply');
    const round = await roundIn(kith, request, ctx);
    kith.policy.authorize(request.actor, 'smallGrants.panel', { members: await panelOf(db(), round.id) });
    return { ctx, round };
  }

  app.get('/places/:place/grants/rounds/:round/review', async (request, reply) => {
    const { ctx, round } = await panelRound(request);
    const me = actorId(request);
    const list = await rankedList(round, request.t, me);
    const mine = new Set(list.scores.filter((s) => s.personId === me).map((s) => s.applicationId));
    const declared = new Map(
      list.conflicts.filter((c) => c.personId === me).map((c) => [c.applicationId, c.conflicted]),
    );
    return view(reply, ctx, 'grants/review.njk', {
      pageTitle: request.t('grants.review.title', { round: round.title }),
      round: presentRound(request.t, request.lang, round),
      rows: list.rows.map((r) => ({
        ...r,
        scored: mine.has(r.id),
        declared: declared.has(r.id),
        // A member sees the totals only of what they have scored themselves.
        total: mine.has(r.id) ? r.total : null,
      })),
      committed: formatPence(list.committed),
    });
  });

  async function showReview(request: FastifyRequest, reply: Reply, ctx: PlaceContext, round: Round, form: FormState) {
    const me = actorId(request);
    const application = await applicationIn(kith, request, ctx);
    if (application.roundId !== round.id || application.status === 'draft' || application.status === 'withdrawn')
      throw new NotFoundError();
    const [criteria, questions, conflicts, scores] = await Promise.all([
      criteriaOf(db(), round.id),
      questionsOf(db(), round.id),
      conflictsIn(db(), round.id),
      scoresIn(db(), round.id),
    ]);
    const declaration = conflicts.find((c) => c.applicationId === application.id && c.personId === me);
    const myScores = scores.filter((s) => s.applicationId === application.id && s.personId === me);
    const scoredByMe = myScores.length > 0;
    const others = scores.filter((s) => s.applicationId === application.id && s.personId !== me);
    const v = form.values;
    return view(
      reply,
      ctx,
      'grants/review-application.njk',
      {
        pageTitle: application.projectTitle,
        round: presentRound(request.t, request.lang, round),
        application: presentApplication(request.t, application),
        answers: questions.map((q) => ({ text: q.text, answer: application.answers[q.id] ?? '' })),
        // A conflicted member still sees the application, so its files too; they only cannot score it.
        supportingFileList: (await supportingFilesOf(db(), application.id)).map((f) => presentFile(ctx.base, f)),
        declaration,
        conflicted: declaration?.conflicted ?? false,
        criteria: criteria.map((c) => {
          const mineNow = myScores.find((s) => s.criterionId === c.id);
          const spread = others.filter((s) => s.criterionId === c.id).map((s) => s.score);
          return {
            ...c,
            items: ['0', '1', '2', '3', '4', '5'].map((n) => ({
              value: n,
              text: n,
              checked: (v[`score-${c.id}`] ?? (mineNow ? String(mineNow.score) : undefined)) === n,
            })),
            comment: v[`comment-${c.id}`] ?? mineNow?.comment ?? '',
            spread: scoredByMe ? spread : null,
            myScore: mineNow?.score,
          };
        }),
        scoredByMe,
        errors: form.errors,
        values: v,
        fieldIds: Object.fromEntries(criteria.map((c) => [`score-${c.id}`, `score-${c.id}`])),
      },
      form.status,
    );
  }

  app.get('/places/:place/grants/rounds/:round/review/:application', async (request, reply) => {
    const { ctx, round } = await panelRound(request);
    return showReview(request, reply, ctx, round, freshForm());
  });

  app.post('/places/:place/grants/rounds/:round/review/:application/conflict', async (request, reply) => {
    const { ctx, round } = await panelRound(request);
    const application = await applicationIn(kith, request, ctx);
    if (application.roundId !== round.id) throw new NotFoundError();
    return submitForm(request, {
      schema: ConflictInput,
      show: (form) => showReview(request, reply, ctx, round, form),
      run: (input) =>
        declare(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          roundId: round.id,
          applicationId: application.id,
          ...input,
        }),
      done: () => reply.seeOther(`${ctx.base}/rounds/${round.id}/review/${application.id}`, 'grants.review.declared'),
    });
  });

  app.post('/places/:place/grants/rounds/:round/review/:application/score', async (request, reply) => {
    const { ctx, round } = await panelRound(request);
    const application = await applicationIn(kith, request, ctx);
    if (application.roundId !== round.id) throw new NotFoundError();
    const criteria = await criteriaOf(db(), round.id);
    return submitForm(request, {
      schema: scoreInput(criteria.map((c) => c.id)),
      show: (form) => showReview(request, reply, ctx, round, form),
      run: (scores) =>
        score(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          roundId: round.id,
          applicationId: application.id,
          scores,
        }),
      done: () => reply.seeOther(`${ctx.base}/rounds/${round.id}/review/${application.id}`, 'grants.review.scored'),
    });
  });
}
