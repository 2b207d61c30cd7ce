/** The public pages of participation, and what members of the place do on them. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { dateAndTime, longDate, placeParts } from '../../../platform/dates.js';
import { freshForm, submitForm, type FormState } from '../../../web/forms.js';
import { draftHrefOf } from '../../../web/library-draft.js';
import { actorId, viewInPlace } from '../../../web/place.js';
import { explainerFor } from '../../library/index.js';
import { namesOf } from '../../people/index.js';
import { needTerms } from '../../directory/index.js';
import { publishedOutcomes } from '../../outcomes/index.js';
import {
  AddressInput,
  AmendmentInput,
  ArgumentInput,
  BallotInput,
  CommentInput,
  ConsentCloseInput,
  ConsentInput,
  HideInput,
  proposalInput,
  ReasonInput,
  SummaryInput,
  SupportInput,
  UpdateInput,
} from '../inputs.js';
import {
  adoptProposal,
  answerAmendment,
  answerObjection,
  argue,
  respondToConsent,
  summariseDebate,
  hide,
  postUpdate,
  publishResult,
  rejectProposal,
  candidatesOf,
  castBallot,
  comment,
  propose,
  suggestAmendment,
  support,
} from '../participation.js';
import { allows, currentPhases, easyReadLines, takesVotes } from '../rules.js';
import { RESULT_STATUSES } from '../schema.js';
import {
  amendmentsOf,
  argumentsOf,
  ballotOf,
  commentsOf,
  consentResponsesOf,
  decisionsOf,
  findAmendment,
  findArgument,
  findComment,
  findConsentResponse,
  findDecision,
  findProposal,
  phasesOf,
  processesOf,
  linksOfProposal,
  proposalsIn,
  summariesOf,
  supportOf,
  updatesOf,
  versionsOf,
  type Decision,
  type Process,
  type Proposal,
} from '../store.js';
import {
  decisionIn,
  participationPlace,
  presentPhase,
  presentProposal,
  processIn,
  proposalIn,
  type PlaceContext,
} from './context.js';

const one = (v: unknown) => (typeof v === 'string' ? v : '');

export function publicRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;
  const can = (request: FastifyRequest, action: string, subject: unknown) =>
    kith.policy.can(request.actor, action, subject);

  /**
   * What a proposal may say it answers, in the place's own words: the needs of its
   * directory's vocabulary and the outcomes of its published frameworks.
   */
  async function vocabulary(request: FastifyRequest, placeId: string) {
    const [needs, outcomes] = await Promise.all([needTerms(db(), placeId), publishedOutcomes(db(), placeId)]);
    return {
      needs: needs.map((n) => ({ code: n.code, text: request.lang === 'cy' && n.termCy ? n.termCy : n.term })),
      outcomes,
    };
  }

  app.get('/places/:place/participation', async (request, reply) => {
    const ctx = await participationPlace(kith, request);
    const processes = await processesOf(db(), ctx.place.id);
    const now = new Date();
    const rows = await Promise.all(
      processes.map(async (p) => {
        const phases = await phasesOf(db(), p.id);
        const current = currentPhases(phases, now)[0];
        return {
          ...p,
          current: current ? presentPhase(request.t, request.lang, current, now) : null,
        };
      }),
    );
    return viewInPlace(reply, ctx, 'participation/home.njk', {
      pageTitle: request.t('participation.home.title'),
      processes: rows,
      canManage: can(request, 'participation.manage', ctx.place),
      canAssess: can(request, 'participation.assess', ctx.place),
      canSeeAssessments: can(request, 'participation.assessments', ctx.place),
    });
  });

  app.get('/places/:place/participation/processes/:process', async (request, reply) => {
    const ctx = await participationPlace(kith, request);
    const process = await processIn(kith, request, ctx);
    const now = new Date();
    const query = request.query as Record<string, unknown>;
    const words = await vocabulary(request, ctx.place.id);
    // A filter the place does not have (an old link, a typed address) is no filter.
    const need = words.needs.some((n) => n.code === one(query.need)) ? one(query.need) : '';
    const outcome = words.outcomes.some((o) => o.id === one(query.outcome)) ? one(query.outcome) : '';
    const [phases, proposals, decisions, listed] = await Promise.all([
      phasesOf(db(), process.id),
      proposalsIn(db(), process.id),
      decisionsOf(db(), process.id),
      need || outcome ? proposalsIn(db(), process.id, { need, outcome }) : undefined,
    ]);
    const names = await namesOf(db(), [...new Set(proposals.map((p) => p.authorId))]);
    const member = can(request, 'participation.takePart', ctx.place);
    const adopted = proposals.filter((p) => p.status === 'adopted');
    const explainer = await explainerFor(kith, request, ctx.place);
    return viewInPlace(reply, ctx, 'participation/process.njk', {
      ladderExplained: explainer.first('ladder-of-co-production'),
      pageTitle: process.title,
      process,
      phases: phases.map((p) => presentPhase(request.t, request.lang, p, now)),
      proposals: (listed ?? proposals).map((p) => presentProposal(request.t, p, names)),
      filtered: !!listed,
      anyProposals: proposals.length > 0,
      needItems: [
        { value: '', text: request.t('participation.filter.anyNeed') },
        ...words.needs.map((n) => ({ value: n.code, text: n.text, selected: n.code === need })),
      ],
      outcomeItems: [
        { value: '', text: request.t('participation.filter.anyOutcome') },
        ...words.outcomes.map((o) => ({
          value: o.id,
          text: `${o.title} (${o.frameworkTitle})`,
          selected: o.id === outcome,
        })),
      ],
      adopted: adopted.map((p) => presentProposal(request.t, p, names)),
      rejected: proposals.filter((p) => p.status === 'rejected').map((p) => presentProposal(request.t, p, names)),
      decisions: decisions.map((d) => ({ ...d, kindText: request.t(`participation.decision.kind.${d.kind}`) })),
      canPropose: member && allows(phases, 'propose', now),
      proposeOpen: allows(phases, 'propose', now),
      member,
      canManage: can(request, 'participation.manage', ctx.place),
      closedOn: process.closedAt ? longDate(placeParts(process.closedAt).date, request.lang) : null,
      draftHref: draftHrefOf(request, ctx.place.slug),
    });
  });

  app.get('/places/:place/participation/processes/:process/easy-read', async (request, reply) => {
    const ctx = await participationPlace(kith, request);
    const process = await processIn(kith, request, ctx);
    return viewInPlace(reply, ctx, 'participation/easy-read.njk', {
      pageTitle: request.t('participation.easyRead.pageTitle', { title: process.title }),
      process,
      lines: easyReadLines(process.easyRead),
      canManage: can(request, 'participation.manage', ctx.place),
    });
  });

  // Proposals

  async function showProposalForm(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    process: Process,
    form: FormState,
  ) {
    const open = allows(await phasesOf(db(), process.id), 'propose', new Date());
    const words = await vocabulary(request, ctx.place.id);
    const ticked = (field: string, value: string) => {
      const v = form.values[field];
      return Array.isArray(v) ? v.map(String).includes(value) : v === value;
    };
    return viewInPlace(
      reply,
      ctx,
      'participation/proposal-form.njk',
      {
        pageTitle: request.t('participation.propose.title'),
        process,
        open,
        values: form.values,
        errors: form.errors,
        needItems: words.needs.map((n) => ({ value: n.code, text: n.text, checked: ticked('needs', n.code) })),
        outcomeItems: words.outcomes.map((o) => ({
          value: o.id,
          text: o.title,
          hint: { text: o.frameworkTitle },
          checked: ticked('outcomes', o.id),
        })),
        fieldIds: { needs: 'needs', outcomes: 'outcomes' },
      },
      form.status,
    );
  }

  app.get('/places/:place/participation/processes/:process/propose', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.takePart');
    const process = await processIn(kith, request, ctx);
    return showProposalForm(request, reply, ctx, process, freshForm());
  });

  app.post('/places/:place/participation/processes/:process/propose', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.takePart');
    const process = await processIn(kith, request, ctx);
    const words = await vocabulary(request, ctx.place.id);
    return submitForm(request, {
      schema: proposalInput({ needs: words.needs.map((n) => n.code), outcomes: words.outcomes.map((o) => o.id) }),
      show: (form) => showProposalForm(request, reply, ctx, process, form),
      run: (proposal, submission) =>
        propose(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          processId: process.id,
          proposal,
          submission,
        }),
      done: (id) => reply.seeOther(`${ctx.base}/proposals/${id}`, 'participation.propose.done'),
    });
  });

  async function showProposal(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    proposal: Proposal,
    form: FormState = freshForm(),
  ) {
    const canManage = can(request, 'participation.manage', ctx.place);
    const member = can(request, 'participation.takePart', ctx.place);
    const me = request.actor.personId;
    const now = new Date();
    const [words, links] = await Promise.all([vocabulary(request, ctx.place.id), linksOfProposal(db(), proposal.id)]);
    const [phases, comments, amendments, versions, updates, mine, debate, summaries] = await Promise.all([
      phasesOf(db(), proposal.processId),
      commentsOf(db(), proposal.id),
      amendmentsOf(db(), proposal.id),
      versionsOf(db(), proposal.id),
      updatesOf(db(), proposal.id),
      me ? supportOf(db(), proposal.id, me) : undefined,
      argumentsOf(db(), proposal.id),
      summariesOf(db(), proposal.id),
    ]);
    const names = await namesOf(db(), [
      proposal.authorId,
      ...comments.map((c) => c.authorId),
      ...amendments.map((a) => a.authorId),
      ...debate.map((a) => a.authorId),
    ]);
    const name = (id: string) => names.get(id) ?? request.t('participation.someone');
    const inPlay = proposal.status === 'open' || proposal.status === 'forward';
    const isAuthor = me === proposal.authorId;
    return viewInPlace(
      reply,
      ctx,
      'participation/proposal.njk',
      {
        pageTitle: proposal.hidden && !canManage ? request.t('participation.hidden.title') : proposal.title,
        proposal: presentProposal(request.t, proposal, names),
        // A need or an outcome the place has since removed is no longer shown.
        proposalNeeds: words.needs.filter((n) => links.needs.includes(n.code)),
        proposalOutcomes: words.outcomes.filter((o) => links.outcomes.includes(o.id)),
        showHidden: canManage,
        comments: comments.map((c) => ({
          ...c,
          authorName: name(c.authorId),
          when: dateAndTime(c.createdAt, request.lang),
        })),
        amendments: amendments.map((a) => ({
          ...a,
          authorName: name(a.authorId),
          statusText: request.t(`participation.amendment.status.${a.status}`),
        })),
        versions: versions.map((v) => ({ ...v, when: dateAndTime(v.replacedAt, request.lang) })),
        sides: (['for', 'against'] as const).map((side) => ({
          side,
          heading: request.t(`participation.debate.${side}`),
          arguments: debate
            .filter((a) => a.side === side)
            .map((a) => ({ ...a, authorName: name(a.authorId), when: dateAndTime(a.createdAt, request.lang) })),
        })),
        summary: summaries[0] && { ...summaries[0], when: dateAndTime(summaries[0].writtenAt, request.lang) },
        earlierSummaries: summaries.slice(1).map((v) => ({ ...v, when: dateAndTime(v.writtenAt, request.lang) })),
        canArgue: member && !proposal.hidden && allows(phases, 'debate', now),
        sideItems: (['for', 'against'] as const).map((side) => ({
          value: side,
          text: request.t(`participation.debate.side.${side}`),
          checked: form.values.side === side,
        })),
        updates: updates.map((u) => ({
          ...u,
          statusText: request.t(`participation.result.${u.status}`),
          when: dateAndTime(u.createdAt, request.lang),
        })),
        supported: !!mine,
        following: mine?.follows ?? false,
        canSupport: member && inPlay && allows(phases, 'support', now),
        canComment: member && allows(phases, 'debate', now),
        canAmend:
          member &&
          !isAuthor &&
          proposal.status === 'open' &&
          (allows(phases, 'propose', now) || allows(phases, 'debate', now)),
        isAuthor,
        member,
        canManage,
        statuses: RESULT_STATUSES.map((s) => ({
          value: s,
          text: request.t(`participation.result.${s}`),
          checked: form.values.status === s,
        })),
        values: form.values,
        errors: form.errors,
        fieldIds: { status: 'status', side: 'side' },
      },
      form.status,
    );
  }

  app.get('/places/:place/participation/proposals/:proposal', async (request, reply) => {
    const ctx = await participationPlace(kith, request);
    return showProposal(request, reply, ctx, await proposalIn(kith, request, ctx));
  });

  app.post('/places/:place/participation/proposals/:proposal/support', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.takePart');
    const proposal = await proposalIn(kith, request, ctx);
    return submitForm(request, {
      schema: SupportInput,
      show: (form) => showProposal(request, reply, ctx, proposal, form),
      run: (input) =>
        support(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          proposalId: proposal.id,
          follow: input.follow,
        }),
      done: ({ added }) =>
        reply.seeOther(
          `${ctx.base}/proposals/${proposal.id}`,
          added ? 'participation.support.done' : 'participation.support.already',
        ),
    });
  });

  app.post('/places/:place/participation/proposals/:proposal/comments', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.takePart');
    const proposal = await proposalIn(kith, request, ctx);
    return submitForm(request, {
      schema: CommentInput,
      show: (form) => showProposal(request, reply, ctx, proposal, form),
      run: (input, submission) =>
        comment(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          proposalId: proposal.id,
          body: input.comment,
          submission,
        }),
      done: () => reply.seeOther(`${ctx.base}/proposals/${proposal.id}#comments`, 'participation.comment.done'),
    });
  });

  app.post('/places/:place/participation/proposals/:proposal/arguments', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.takePart');
    const proposal = await proposalIn(kith, request, ctx);
    return submitForm(request, {
      schema: ArgumentInput,
      show: (form) => showProposal(request, reply, ctx, proposal, form),
      run: (input, submission) =>
        argue(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          proposalId: proposal.id,
          side: input.side,
          body: input.argument,
          submission,
        }),
      done: () => reply.seeOther(`${ctx.base}/proposals/${proposal.id}#debate`, 'participation.argument.done'),
    });
  });

  app.post('/places/:place/participation/proposals/:proposal/summary', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.manage');
    const proposal = await proposalIn(kith, request, ctx);
    return submitForm(request, {
      schema: SummaryInput,
      show: (form) => showProposal(request, reply, ctx, proposal, form),
      run: (input, submission) =>
        summariseDebate(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          proposalId: proposal.id,
          body: input.summary,
          submission,
        }),
      done: () => reply.seeOther(`${ctx.base}/proposals/${proposal.id}#debate`, 'participation.summary.done'),
    });
  });

  app.post('/places/:place/participation/arguments/:argument/hide', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.manage');
    const a = await findArgument(db(), ctx.place.id, (request.params as { argument: string }).argument);
    const proposal = a && (await findProposal(db(), ctx.place.id, a.proposalId));
    if (!a || !proposal) throw new NotFoundError();
    return submitForm(request, {
      schema: HideInput,
      show: (form) => showProposal(request, reply, ctx, proposal, form),
      run: (input) =>
        hide(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          what: 'argument',
          id: a.id,
          reason: input.hideReason,
        }),
      done: () => reply.seeOther(`${ctx.base}/proposals/${proposal.id}#debate`, 'participation.hide.done'),
    });
  });

  async function showAmendForm(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    proposal: Proposal,
    form: FormState,
  ) {
    return viewInPlace(
      reply,
      ctx,
      'participation/amend.njk',
      {
        pageTitle: request.t('participation.amend.title'),
        proposal,
        values: form.values,
        errors: form.errors,
      },
      form.status,
    );
  }

  app.get('/places/:place/participation/proposals/:proposal/amend', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.takePart');
    const proposal = await proposalIn(kith, request, ctx);
    if (proposal.hidden) throw new NotFoundError();
    return showAmendForm(request, reply, ctx, proposal, freshForm({ body: proposal.body }));
  });

  app.post('/places/:place/participation/proposals/:proposal/amend', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.takePart');
    const proposal = await proposalIn(kith, request, ctx);
    return submitForm(request, {
      schema: AmendmentInput,
      show: (form) => showAmendForm(request, reply, ctx, proposal, form),
      run: (input, submission) =>
        suggestAmendment(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          proposalId: proposal.id,
          body: input.body,
          submission,
        }),
      done: () => reply.seeOther(`${ctx.base}/proposals/${proposal.id}#amendments`, 'participation.amend.done'),
    });
  });

  for (const answer of ['accept', 'decline'] as const) {
    app.post(`/places/:place/participation/amendments/:amendment/${answer}`, async (request, reply) => {
      const ctx = await participationPlace(kith, request, 'participation.takePart');
      const amendment = await findAmendment(db(), ctx.place.id, (request.params as { amendment: string }).amendment);
      const proposal = amendment && (await findProposal(db(), ctx.place.id, amendment.proposalId));
      if (!amendment || !proposal) throw new NotFoundError();
      kith.policy.authorize(request.actor, 'participation.ownProposal', proposal);
      await answerAmendment(kith, {
        placeId: ctx.place.id,
        personId: actorId(request),
        amendmentId: amendment.id,
        accept: answer === 'accept',
      });
      return reply.seeOther(`${ctx.base}/proposals/${proposal.id}#amendments`, `participation.amendment.${answer}ed`);
    });
  }

  // Running a proposal's outcome, and moderation (officers, coordinators, admins)

  app.post('/places/:place/participation/proposals/:proposal/adopt', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.manage');
    const proposal = await proposalIn(kith, request, ctx);
    await adoptProposal(kith, {
      placeId: ctx.place.id,
      personId: actorId(request),
      proposalId: proposal.id,
      placeSlug: ctx.place.slug,
    });
    return reply.seeOther(`${ctx.base}/proposals/${proposal.id}`, 'participation.adopt.done');
  });

  app.post('/places/:place/participation/proposals/:proposal/reject', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.manage');
    const proposal = await proposalIn(kith, request, ctx);
    return submitForm(request, {
      schema: ReasonInput,
      show: (form) => showProposal(request, reply, ctx, proposal, form),
      run: (input) =>
        rejectProposal(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          proposalId: proposal.id,
          reason: input.reason,
          placeSlug: ctx.place.slug,
        }),
      done: () => reply.seeOther(`${ctx.base}/proposals/${proposal.id}`, 'participation.reject.done'),
    });
  });

  app.post('/places/:place/participation/proposals/:proposal/updates', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.manage');
    const proposal = await proposalIn(kith, request, ctx);
    return submitForm(request, {
      schema: UpdateInput,
      show: (form) => showProposal(request, reply, ctx, proposal, form),
      run: (input, submission) =>
        postUpdate(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          proposalId: proposal.id,
          status: input.status,
          body: input.update,
          placeSlug: ctx.place.slug,
          submission,
        }),
      done: () => reply.seeOther(`${ctx.base}/proposals/${proposal.id}#updates`, 'participation.update.done'),
    });
  });

  app.post('/places/:place/participation/proposals/:proposal/hide', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.manage');
    const proposal = await proposalIn(kith, request, ctx);
    return submitForm(request, {
      schema: HideInput,
      show: (form) => showProposal(request, reply, ctx, proposal, form),
      run: (input) =>
        hide(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          what: 'proposal',
          id: proposal.id,
          reason: input.hideReason,
        }),
      done: () => reply.seeOther(`${ctx.base}/proposals/${proposal.id}`, 'participation.hide.done'),
    });
  });

  app.post('/places/:place/participation/comments/:comment/hide', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.manage');
    const c = await findComment(db(), ctx.place.id, (request.params as { comment: string }).comment);
    const proposal = c && (await findProposal(db(), ctx.place.id, c.proposalId));
    if (!c || !proposal) throw new NotFoundError();
    return submitForm(request, {
      schema: HideInput,
      show: (form) => showProposal(request, reply, ctx, proposal, form),
      run: (input) =>
        hide(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          what: 'comment',
          id: c.id,
          reason: input.hideReason,
        }),
      done: () => reply.seeOther(`${ctx.base}/proposals/${proposal.id}#comments`, 'participation.hide.done'),
    });
  });

  // Decisions

  async function showDecision(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    decision: Decision,
    form: FormState = freshForm(),
  ) {
    const now = new Date();
    const phases = await phasesOf(db(), decision.processId);
    const phase = phases.find((p) => p.id === decision.phaseId);
    const me = request.actor.personId;
    const member = can(request, 'participation.takePart', ctx.place);
    const mine = me && decision.kind === 'approval' ? await ballotOf(db(), decision.id, me) : undefined;
    const candidates = await candidatesOf(db(), decision);
    const voting = decision.kind === 'approval' && takesVotes(decision, phase, now);
    const chosen = Array.isArray(form.values.choices)
      ? (form.values.choices as string[])
      : typeof form.values.choices === 'string'
        ? [form.values.choices]
        : (mine ?? []);
    const consent = decision.kind === 'consent' ? await consentView(request, ctx, decision, now) : null;
    let results: Array<{ title: string; count: number; chosen: boolean; tie: boolean }> = [];
    if (decision.published) {
      const all = new Map((await proposalsIn(db(), decision.processId, { hidden: true })).map((p) => [p.id, p]));
      results = decision.published.rows.map((r) => ({ ...r, title: all.get(r.id)?.title ?? '' }));
    }
    return viewInPlace(
      reply,
      ctx,
      'participation/decision.njk',
      {
        pageTitle: decision.title,
        decision,
        kindText: request.t(`participation.decision.kind.${decision.kind}`),
        phase: phase && presentPhase(request.t, request.lang, phase, now),
        voting,
        member,
        hasBallot: !!mine,
        items: candidates.map((c) => ({ value: c.id, text: c.title, checked: chosen.includes(c.id) })),
        results,
        consent,
        canManage: can(request, 'participation.manage', ctx.place),
        values: form.values,
        errors: form.errors,
        fieldIds: {
          choices: 'choices',
          publish: 'publish',
          response: 'response',
          record: 'record',
          note: form.values.objection ? `note-${String(form.values.objection)}` : 'publish',
        },
      },
      form.status,
    );
  }

  /** A consent decision as its page shows it: the proposal, who responded how, where each objection stands. */
  async function consentView(request: FastifyRequest, ctx: PlaceContext, decision: Decision, now: Date) {
    const phases = await phasesOf(db(), decision.processId);
    const phase = phases.find((p) => p.id === decision.phaseId);
    const replies = await consentResponsesOf(db(), decision.id);
    const proposal = decision.proposalId ? await findProposal(db(), ctx.place.id, decision.proposalId) : undefined;
    const names = await namesOf(
      db(),
      replies.map((r) => r.personId),
    );
    const me = request.actor.personId;
    const open = takesVotes(decision, phase, now);
    const mine = replies.find((r) => r.personId === me);
    const counts = decision.published?.consent;
    return {
      proposal: proposal && !proposal.hidden ? proposal : null,
      open,
      mine: mine && { ...mine, responseText: request.t(`participation.consent.response.${mine.response}`) },
      canRespond: open && !mine && can(request, 'participation.takePart', ctx.place),
      responseItems: (['consent', 'standAside', 'object'] as const).map((r) => ({
        value: r,
        text: request.t(`participation.consent.response.${r}`),
        hint: { text: request.t(`participation.consent.response.${r}.hint`) },
      })),
      responded: replies.length,
      objections: replies
        .filter((r) => r.response === 'object')
        .map((r) => ({
          ...r,
          name: names.get(r.personId) ?? request.t('participation.someone'),
          statusText: request.t(`participation.objection.status.${r.objectionStatus ?? 'outstanding'}`),
          isMine: r.personId === me,
          standing: r.objectionStatus === 'outstanding' || r.objectionStatus === 'addressed',
        })),
      standing: replies.filter((r) => r.objectionStatus === 'outstanding' || r.objectionStatus === 'addressed').length,
      counts,
      passed: decision.published ? (decision.published.rows[0]?.chosen ?? false) : null,
      countRows: counts
        ? (['consent', 'standAside', 'objections', 'resolved', 'recorded'] as const).map((k) => [
            { text: request.t(`participation.consent.count.${k}`) },
            { text: String(counts[k]), format: 'numeric' },
          ])
        : [],
    };
  }

  app.get('/places/:place/participation/decisions/:decision', async (request, reply) => {
    const ctx = await participationPlace(kith, request);
    return showDecision(request, reply, ctx, await decisionIn(kith, request, ctx));
  });

  app.post('/places/:place/participation/decisions/:decision/ballot', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.takePart');
    const decision = await decisionIn(kith, request, ctx);
    return submitForm(request, {
      schema: BallotInput,
      show: (form) => showDecision(request, reply, ctx, decision, form),
      // The ballot is always the signed-in person's own: nothing in the form can name another voter.
      run: (input) =>
        castBallot(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          decisionId: decision.id,
          choices: input.choices,
        }),
      done: () => reply.seeOther(`${ctx.base}/decisions/${decision.id}`, 'participation.ballot.done'),
    });
  });

  app.post('/places/:place/participation/decisions/:decision/publish', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.manage');
    const decision = await decisionIn(kith, request, ctx);
    if (decision.kind === 'consent')
      return submitForm(request, {
        schema: ConsentCloseInput,
        show: (form) => showDecision(request, reply, ctx, decision, form),
        run: (consent) =>
          publishResult(kith, { placeId: ctx.place.id, personId: actorId(request), decisionId: decision.id, consent }),
        done: () => reply.seeOther(`${ctx.base}/decisions/${decision.id}`, 'participation.results.published'),
      });
    return submitForm(request, {
      schema: z.object({}),
      show: (form) => showDecision(request, reply, ctx, decision, form),
      run: () => publishResult(kith, { placeId: ctx.place.id, personId: actorId(request), decisionId: decision.id }),
      done: () => reply.seeOther(`${ctx.base}/decisions/${decision.id}`, 'participation.results.published'),
    });
  });

  // Consent decisions: one response a member; objections withdrawn, addressed and agreed.

  app.post('/places/:place/participation/decisions/:decision/consent', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.takePart');
    const decision = await decisionIn(kith, request, ctx);
    if (decision.kind !== 'consent') throw new NotFoundError();
    // Closed by the facilitator, or answered already (in another tab) since the page was
    // opened: there is no form to show a mistake beside, so the page says where it stands.
    const phase = (await phasesOf(db(), decision.processId)).find((p) => p.id === decision.phaseId);
    if (!takesVotes(decision, phase, new Date()))
      return reply.seeOther(`${ctx.base}/decisions/${decision.id}`, 'participation.consent.closed');
    if ((await consentResponsesOf(db(), decision.id)).some((r) => r.personId === request.actor.personId))
      return reply.seeOther(`${ctx.base}/decisions/${decision.id}`, 'participation.consent.already');
    return submitForm(request, {
      schema: ConsentInput,
      show: (form) => showDecision(request, reply, ctx, decision, form),
      // The response is always the signed-in member's own.
      run: (input) =>
        respondToConsent(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          decisionId: decision.id,
          response: input.response,
          reason: input.reason,
        }),
      done: () => reply.seeOther(`${ctx.base}/decisions/${decision.id}`, 'participation.consent.done'),
    });
  });

  for (const step of ['withdraw', 'agree', 'address'] as const) {
    app.post(`/places/:place/participation/objections/:objection/${step}`, async (request, reply) => {
      const ctx = await participationPlace(
        kith,
        request,
        step === 'address' ? 'participation.manage' : 'participation.takePart',
      );
      const objection = await findConsentResponse(
        db(),
        ctx.place.id,
        (request.params as { objection: string }).objection,
      );
      const decision = objection && (await findDecision(db(), ctx.place.id, objection.decisionId));
      if (!objection || !decision || objection.response !== 'object') throw new NotFoundError();
      if (step !== 'address') kith.policy.authorize(request.actor, 'participation.ownObjection', objection);
      return submitForm(request, {
        schema: step === 'address' ? AddressInput : z.object({}),
        show: (form) =>
          showDecision(request, reply, ctx, decision, { ...form, values: { ...form.values, objection: objection.id } }),
        run: (input) =>
          answerObjection(kith, {
            placeId: ctx.place.id,
            personId: actorId(request),
            responseId: objection.id,
            step,
            note: 'note' in input ? (input.note as string) : undefined,
          }),
        done: () =>
          reply.seeOther(`${ctx.base}/decisions/${decision.id}#objections`, `participation.objection.${step}.done`),
      });
    });
  }
}
