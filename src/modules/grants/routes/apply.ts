/** The public pages of small grants, and an applicant's and a voter's own. */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ForbiddenError, NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { asArray, freshForm, submitForm, type FormState } from '../../../web/forms.js';
import { draftHrefOf, withDraft } from '../../../web/library-draft.js';
import { actorId } from '../../../web/place.js';
import { renderPdf } from '../../../web/pdf.js';
import { longDate, placeParts } from '../../../platform/dates.js';
import { hasAnsweredEquality } from '../../insight/index.js';
import { givingCsv, givingPackageJson } from '../giving360.js';
import {
  acceptAward,
  castBallot,
  checkIn,
  resultOf,
  saveApplication,
  startApplication,
  withdrawApplication,
} from '../grants.js';
import { applicationInput, BUDGET_ROWS, CheckInInput } from '../inputs.js';
import { formatPence, missingFrom, penceAsPounds, wordCount } from '../rules.js';
import {
  applicationsBy,
  applicationsIn,
  awardsIn,
  ballotOf,
  checkInFor,
  decisionFor,
  decisionsIn,
  findFund,
  questionsOf,
  roundsOf,
  type Application,
  type Round,
} from '../store.js';
import {
  applicationIn,
  grantsPlace,
  phaseOf,
  presentApplication,
  presentRound,
  roundIn,
  view,
  type PlaceContext,
  type Reply,
} from './context.js';
import { supportingFilesOf } from '../files-store.js';
import { presentFile } from './files.js';

const BallotInput = z.object({
  choices: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => asArray(v))
    .pipe(z.array(z.string().max(64)).max(300, 'grants.ballot.unknown')),
  // Checked (and cut to its district) by castBallot; asked only when the round is limited to districts.
  postcode: z
    .unknown()
    .default('')
    .transform((v) => (typeof v === 'string' ? v.trim() : ''))
    .pipe(z.string().max(20, 'grants.ballot.postcode.format')),
});

/** An application's fields as its form shows them. */
function formValues(a: Application | undefined): Record<string, unknown> {
  if (!a) return { applicantKind: '' };
  const values: Record<string, unknown> = { ...a };
  a.budgetLines.forEach((l, i) => {
    values[`item-${i + 1}`] = l.item;
    values[`cost-${i + 1}`] = penceAsPounds(l.pence);
  });
  for (const [id, answer] of Object.entries(a.answers)) values[`answer-${id}`] = answer;
  return values;
}

export function applyRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  app.get('/places/:place/grants', async (request, reply) => {
    const ctx = await grantsPlace(kith, request);
    const rounds = await roundsOf(db(), ctx.place.id);
    return view(reply, ctx, 'grants/home.njk', {
      pageTitle: request.t('grants.home.title'),
      rounds: rounds.map((r) => presentRound(request.t, request.lang, r)),
      canManage: kith.policy.can(request.actor, 'smallGrants.manage', ctx.place),
      canApply: kith.policy.can(request.actor, 'smallGrants.apply', ctx.place),
    });
  });

  app.get('/places/:place/grants/rounds/:round', async (request, reply) => {
    const ctx = await grantsPlace(kith, request);
    const round = await roundIn(kith, request, ctx);
    const fund = (await findFund(db(), ctx.place.id, round.fundId))!;
    const decisions = await decisionsIn(db(), round.id);
    const applications = new Map((await applicationsIn(db(), round.id)).map((a) => [a.id, a]));
    const awards = decisions
      .filter((d) => d.outcome !== 'declined')
      .map((d) => {
        const a = applications.get(d.applicationId)!;
        return {
          title: a.applicantKind === 'individual' ? request.t('grants.round.individualAward') : a.projectTitle,
          who: presentApplication(request.t, a).who,
          amount: formatPence(d.amountPence),
        };
      });
    let results: Array<{ title: string; votes: number; amount: string; funded: boolean; tie: boolean }> = [];
    let ballots = 0;
    if (round.resultsPublishedAt) {
      const { candidates, result } = await resultOf(kith, round);
      const byId = new Map(candidates.map((c) => [c.id, c]));
      ballots = result.ballots;
      results = result.rows.map((r) => ({
        title: byId.get(r.id)?.projectTitle ?? '',
        votes: r.votes,
        amount: formatPence(r.amountPence),
        funded: r.funded,
        tie: r.tieBrokenBy !== 'none',
      }));
    }
    return view(reply, ctx, 'grants/round.njk', {
      pageTitle: round.title,
      round: presentRound(request.t, request.lang, round),
      fund,
      awards,
      committed: formatPence(decisions.reduce((s, d) => s + d.amountPence, 0)),
      results,
      ballots,
      canApply: kith.policy.can(request.actor, 'smallGrants.apply', ctx.place),
    });
  });

  async function showApplication(
    request: FastifyRequest,
    reply: Reply,
    ctx: PlaceContext,
    round: Round,
    application: Application | undefined,
    form: FormState,
  ) {
    const questions = await questionsOf(db(), round.id);
    const fund = (await findFund(db(), ctx.place.id, round.fundId))!;
    const v = form.values;
    const kinds = round.whoMayApply.filter((k) => k !== 'individual' || fund.allowsIndividuals);
    const missing = application
      ? missingFrom({ ...application, answers: application.answers }, round, questions).map((m) => ({
          text: request.t(m.key, m.params),
          href: `#${m.field === 'budget' ? 'item-1' : m.field}`,
        }))
      : [];
    return view(
      reply,
      ctx,
      'grants/application-form.njk',
      {
        pageTitle: application
          ? application.projectTitle || request.t('grants.apply.untitled')
          : request.t('grants.apply.title'),
        round: presentRound(request.t, request.lang, round),
        application: application && presentApplication(request.t, application),
        values: v,
        errors: form.errors,
        missing,
        kinds: kinds.map((k) => ({
          value: k,
          text: request.t(`grants.kind.${k}`),
          hint: { text: request.t(`grants.kind.${k}.hint`) },
          checked: v.applicantKind === k,
        })),
        budgetRows: Array.from({ length: BUDGET_ROWS }, (_, i) => i + 1),
        questions: questions.map((q) => ({
          ...q,
          words: wordCount(String(v[`answer-${q.id}`] ?? '')),
        })),
        open: phaseOf(round) === 'open',
        // Only whether they answered, to word the invitation; what they said stays with insight.
        equalityAnswered: application ? await hasAnsweredEquality(db(), actorId(request)) : false,
        action: application ? `${ctx.base}/applications/${application.id}` : `${ctx.base}/rounds/${round.id}/apply`,
        fieldIds: { applicantKind: 'applicantKind', budget: 'item-1', form: 'projectTitle' },
        supportingFileList: application
          ? (await supportingFilesOf(db(), application.id)).map((f) => presentFile(ctx.base, f))
          : [],
      },
      form.status,
    );
  }

  app.get('/places/:place/grants/rounds/:round/apply', async (request, reply) => {
    const ctx = await grantsPlace(kith, request, 'smallGrants.apply');
    const round = await roundIn(kith, request, ctx);
    return showApplication(request, reply, ctx, round, undefined, freshForm(formValues(undefined)));
  });

  app.post('/places/:place/grants/rounds/:round/apply', async (request, reply) => {
    const ctx = await grantsPlace(kith, request, 'smallGrants.apply');
    const round = await roundIn(kith, request, ctx);
    const questions = await questionsOf(db(), round.id);
    return submitForm(request, {
      schema: applicationInput(questions.map((q) => q.id)),
      show: (form) => showApplication(request, reply, ctx, round, undefined, form),
      run: (input, submission) =>
        startApplication(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          roundId: round.id,
          fields: input.fields,
          action: input.action,
          submission,
        }).then((id) => ({ id, action: input.action })),
      done: ({ id, action }) =>
        reply.seeOther(
          `${ctx.base}/applications/${id}`,
          action === 'submit' ? 'grants.apply.submitted' : 'grants.apply.saved',
        ),
    });
  });

  async function ownApplication(request: FastifyRequest, ctx: PlaceContext) {
    const application = await applicationIn(kith, request, ctx);
    kith.policy.authorize(request.actor, 'smallGrants.ownApplication', application);
    return application;
  }

  app.get('/places/:place/grants/mine', async (request, reply) => {
    const ctx = await grantsPlace(kith, request, 'smallGrants.apply');
    const mine = await applicationsBy(db(), ctx.place.id, actorId(request));
    const rounds = new Map((await roundsOf(db(), ctx.place.id)).map((r) => [r.id, r]));
    const rows = [];
    for (const a of mine) {
      const decision = await decisionFor(db(), a.id);
      rows.push({
        ...presentApplication(request.t, a),
        round: rounds.get(a.roundId)?.title ?? '',
        decision: decision && {
          ...decision,
          amount: formatPence(decision.amountPence),
          outcomeText: request.t(`grants.outcome.${decision.outcome}`),
        },
        checkedIn: a.status === 'awarded' && (await checkInFor(db(), a.id)) !== undefined,
      });
    }
    return view(reply, ctx, 'grants/mine.njk', {
      pageTitle: request.t('grants.mine.title'),
      applications: rows,
      draftHref: draftHrefOf(request, ctx.place.slug),
    });
  });

  app.get('/places/:place/grants/applications/:application', async (request, reply) => {
    const ctx = await grantsPlace(kith, request, 'smallGrants.apply');
    const application = await ownApplication(request, ctx);
    const round = await roundIn(kith, { params: { round: application.roundId } } as unknown as FastifyRequest, ctx);
    return showApplication(request, reply, ctx, round, application, freshForm(formValues(application)));
  });

  app.post('/places/:place/grants/applications/:application', async (request, reply) => {
    const ctx = await grantsPlace(kith, request, 'smallGrants.apply');
    const application = await ownApplication(request, ctx);
    const round = await roundIn(kith, { params: { round: application.roundId } } as unknown as FastifyRequest, ctx);
    const questions = await questionsOf(db(), round.id);
    return submitForm(request, {
      schema: applicationInput(questions.map((q) => q.id)),
      show: (form) => showApplication(request, reply, ctx, round, application, form),
      run: (input, submission) =>
        saveApplication(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          applicationId: application.id,
          fields: input.fields,
          action: input.action,
          submission,
        }).then(() => input.action),
      done: (action) =>
        reply.seeOther(
          `${ctx.base}/applications/${application.id}`,
          action === 'submit' ? 'grants.apply.submitted' : 'grants.apply.saved',
        ),
    });
  });

  app.post('/places/:place/grants/applications/:application/withdraw', async (request, reply) => {
    const ctx = await grantsPlace(kith, request, 'smallGrants.apply');
    const application = await ownApplication(request, ctx);
    await withdrawApplication(kith, {
      placeId: ctx.place.id,
      personId: actorId(request),
      applicationId: application.id,
    });
    return reply.seeOther(`${ctx.base}/mine`, 'grants.apply.withdrawn');
  });

  app.post('/places/:place/grants/applications/:application/accept', async (request, reply) => {
    const ctx = await grantsPlace(kith, request, 'smallGrants.apply');
    const application = await ownApplication(request, ctx);
    const decision = await decisionFor(db(), application.id);
    if (!decision || decision.outcome === 'declined') throw new NotFoundError();
    await acceptAward(kith, { placeId: ctx.place.id, personId: actorId(request), applicationId: application.id });
    return reply.seeOther(`${ctx.base}/mine`, 'grants.award.accepted');
  });

  app.get('/places/:place/grants/applications/:application/offer.pdf', async (request, reply) => {
    const ctx = await grantsPlace(kith, request, 'smallGrants.apply');
    const application = await ownApplication(request, ctx);
    const decision = await decisionFor(db(), application.id);
    if (!decision || decision.outcome === 'declined') throw new NotFoundError();
    const round = await roundIn(kith, { params: { round: application.roundId } } as unknown as FastifyRequest, ctx);
    const fund = (await findFund(db(), ctx.place.id, round.fundId))!;
    const t = request.t;
    const title = t('grants.offer.title', { fund: fund.name });
    const pdf = await renderPdf({ title, lang: request.lang, author: fund.funderName }, (w) => {
      w.heading(title);
      w.paragraph(t('grants.offer.date', { date: longDate(placeParts(decision.decidedAt).date, request.lang) }), {
        secondary: true,
      });
      w.summary([
        [
          t('grants.offer.to'),
          application.applicantKind === 'informal'
            ? t('grants.offer.hosted', { group: application.groupName, host: application.hostName })
            : application.groupName || (request.person?.name ?? ''),
        ],
        [t('grants.offer.project'), application.projectTitle],
        [t('grants.offer.round'), round.title],
        [t('grants.offer.amount'), formatPence(decision.amountPence)],
        [t('grants.offer.asked'), formatPence(application.amountPence)],
      ]);
      w.heading(t('grants.offer.conditionsTitle'), 2);
      for (const key of ['grants.offer.condition1', 'grants.offer.condition2', 'grants.offer.condition3'])
        w.paragraph(t(key));
      w.heading(t('grants.offer.reasonsTitle'), 2);
      w.paragraph(decision.reasons);
      w.paragraph(t('grants.offer.accept'));
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="grant-offer-${application.id.slice(0, 8)}.pdf"`)
      .send(pdf);
  });

  async function showCheckIn(
    request: FastifyRequest,
    reply: Reply,
    ctx: PlaceContext,
    application: Application,
    form: FormState,
  ) {
    return view(
      reply,
      ctx,
      'grants/check-in.njk',
      {
        pageTitle: request.t('grants.checkIn.title'),
        application: presentApplication(request.t, application),
        values: form.values,
        errors: form.errors,
        done: await checkInFor(db(), application.id),
      },
      form.status,
    );
  }

  app.get('/places/:place/grants/applications/:application/check-in', async (request, reply) => {
    const ctx = await grantsPlace(kith, request, 'smallGrants.apply');
    const application = await ownApplication(request, ctx);
    if (application.status !== 'awarded') throw new NotFoundError();
    return showCheckIn(request, reply, ctx, application, freshForm());
  });

  app.post('/places/:place/grants/applications/:application/check-in', async (request, reply) => {
    const ctx = await grantsPlace(kith, request, 'smallGrants.apply');
    const application = await ownApplication(request, ctx);
    if (application.status !== 'awarded') throw new NotFoundError();
    return submitForm(request, {
      schema: CheckInInput,
      show: (form) => showCheckIn(request, reply, ctx, application, form),
      run: (input, submission) =>
        checkIn(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          applicationId: application.id,
          ...input,
          storyFrom: {
            title: request.t('grants.story.title', {
              project: application.projectTitle,
              group:
                application.applicantKind === 'individual'
                  ? request.t('grants.kind.individual')
                  : application.groupName,
            }),
            consentWording: request.t('grants.field.storyConsent.yes'),
          },
          library: {
            placeSlug: ctx.place.slug,
            title: request.t('grants.closing.caseTitle', { title: application.projectTitle }),
            location: ctx.name,
          },
          submission,
        }),
      done: ({ draftHref }) => reply.seeOther(withDraft(`${ctx.base}/mine`, draftHref), 'grants.checkIn.thanks'),
    });
  });

  async function showBallot(request: FastifyRequest, reply: Reply, ctx: PlaceContext, round: Round, form: FormState) {
    const candidates =
      round.decidedBy === 'vote'
        ? await applicationsIn(db(), round.id, ['submitted', 'shortlisted'])
        : await applicationsIn(db(), round.id, ['shortlisted']);
    const chosen =
      (form.values.choices as string[] | undefined) ?? (await ballotOf(db(), round.id, actorId(request))) ?? [];
    return view(
      reply,
      ctx,
      'grants/ballot.njk',
      {
        pageTitle: request.t('grants.ballot.title', { round: round.title }),
        round: presentRound(request.t, request.lang, round),
        cap:
          round.ballotKind === 'budget'
            ? request.t('grants.ballot.capBudget', { budget: formatPence(round.budgetPence) })
            : request.t('grants.ballot.capCount', { count: round.voteMaxProjects }),
        items: candidates.map((c) => ({
          value: c.id,
          text: `${c.projectTitle} (${formatPence(c.amountPence)})`,
          hint: { text: c.summary },
          checked: asArray(chosen).includes(c.id),
        })),
        hasBallot: (await ballotOf(db(), round.id, actorId(request))) !== undefined,
        open: phaseOf(round) === 'voting',
        values: form.values,
        errors: form.errors,
      },
      form.status,
    );
  }

  app.get('/places/:place/grants/rounds/:round/ballot', async (request, reply) => {
    const ctx = await grantsPlace(kith, request, 'smallGrants.apply');
    const round = await roundIn(kith, request, ctx);
    if (round.decidedBy === 'panel') throw new NotFoundError();
    return showBallot(request, reply, ctx, round, freshForm());
  });

  app.post('/places/:place/grants/rounds/:round/ballot', async (request, reply) => {
    const ctx = await grantsPlace(kith, request, 'smallGrants.apply');
    const round = await roundIn(kith, request, ctx);
    if (round.decidedBy === 'panel') throw new NotFoundError();
    return submitForm(request, {
      schema: BallotInput,
      show: (form) =>
        showBallot(request, reply, ctx, round, {
          ...form,
          values: {
            choices: asArray((request.body as Record<string, unknown>)?.choices),
            postcode: String((request.body as Record<string, unknown>)?.postcode ?? ''),
          },
        }),
      run: (input) =>
        castBallot(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          roundId: round.id,
          choices: input.choices,
          postcode: input.postcode,
        }),
      done: () => reply.seeOther(`${ctx.base}/rounds/${round.id}/ballot`, 'grants.ballot.done'),
    });
  });

  // Streamed: a page of grants read, written and let go at a time (giving360.ts).
  app.get('/places/:place/grants/360giving.json', async (request, reply) => {
    const ctx = await grantsPlace(kith, request);
    return reply
      .type('application/json; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="360giving-${(request.params as { place: string }).place}.json"`,
      )
      .send(Readable.from(givingPackageJson(awardsIn(db(), ctx.place.id))));
  });

  app.get('/places/:place/grants/360giving.csv', async (request, reply) => {
    const ctx = await grantsPlace(kith, request);
    return reply
      .type('text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="360giving-${(request.params as { place: string }).place}.csv"`,
      )
      .send(Readable.from(givingCsv(awardsIn(db(), ctx.place.id))));
  });

  void ForbiddenError;
}
