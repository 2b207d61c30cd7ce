/**
 * Co-producing outcomes frameworks: officers draft outcomes and indicators, residents
 * comment and endorse, officers publish and link activities and programmes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { echoValues, ruleFieldErrors, submitForm, type FieldErrors, type FormState } from '../../../web/forms.js';
import { activitySummaries } from '../../directory/index.js';
import { namesOf } from '../people.js';
import { ONS4_ITEMS, wellbeingInstruments } from '../../prescribing/index.js';
import { byRole, canChange, RESIDENT_SHARES, RESIDENTS_PER_OUTCOME, USUAL_RESIDENT_SHARE } from '../framework-rules.js';
import {
  addIndicator,
  addOutcome,
  adoptOutcome,
  commentOn,
  createFramework,
  declineSuggestion,
  endorse,
  linkActivities,
  linkProgramme,
  publish,
  suggest,
  takingPartIn,
} from '../frameworks.js';
import { countableFigures, countChoices, measureText } from '../measures.js';
import {
  CommentInput,
  DeclineInput,
  FrameworkInput,
  IndicatorInput,
  LinkInput,
  OutcomeInput,
  ProgrammeLinkInput,
  SuggestionInput,
} from '../inputs.js';
import {
  findFramework,
  findOutcome,
  findSuggestion,
  frameworksOf,
  linksOf,
  outcomesOf,
  programmesOf,
} from '../store.js';
import { activityChoices, me, placeFor, viewWith, type PlaceContext } from './context.js';

export function frameworkRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;
  const can = (request: FastifyRequest, action: string, ctx: PlaceContext) =>
    kith.policy.can(request.actor, action, ctx.place);

  app.get('/places/:place/outcomes', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const [frameworks, programmes] = await Promise.all([
      frameworksOf(db(), ctx.place.id),
      programmesOf(db(), ctx.place.id),
    ]);
    return viewWith(reply, ctx, 'outcomes/frameworks.njk', {
      pageTitle: request.t('outcomes.frameworks.title'),
      frameworks: frameworks.map((f) => ({
        ...f,
        programme: programmes.find((p) => p.id === f.programmeId)?.name,
        stateText: request.t(`outcomes.state.${f.state}`),
      })),
      canManage: can(request, 'impact.manage', ctx),
      canReport: can(request, 'impact.report', ctx),
      canModerate: can(request, 'impact.moderate', ctx),
    });
  });

  async function showNew(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    errors?: FieldErrors,
    status = 200,
  ) {
    const programmes = await programmesOf(db(), ctx.place.id);
    const values = errors
      ? echoValues(request.body)
      : { residentsPerOutcome: String(RESIDENTS_PER_OUTCOME.usual), residentShare: String(USUAL_RESIDENT_SHARE) };
    return viewWith(
      reply,
      ctx,
      'outcomes/framework-form.njk',
      {
        pageTitle: request.t('outcomes.framework.new'),
        programmes: [
          { value: '', text: request.t('outcomes.framework.wholePlace') },
          ...programmes.map((p) => ({ value: p.id, text: p.name, selected: values.programme === p.id })),
        ],
        shares: RESIDENT_SHARES.map((share) => ({
          value: String(share),
          text: request.t(`outcomes.framework.share.${share}`),
          checked: values.residentShare === String(share),
        })),
        least: RESIDENTS_PER_OUTCOME.least,
        most: RESIDENTS_PER_OUTCOME.most,
        values,
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/outcomes/new', async (request, reply) =>
    showNew(request, reply, await placeFor(kith, request, 'impact.manage')),
  );

  app.post('/places/:place/outcomes/new', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.manage');
    return submitForm(request, {
      schema: FrameworkInput,
      show: (form) => showNew(request, reply, ctx, form.errors, form.status),
      run: (framework, submission) =>
        createFramework(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          title: framework.title,
          purpose: framework.purpose,
          programmeId: framework.programme,
          residentsPerOutcome: framework.residentsPerOutcome,
          residentShare: framework.residentShare,
        }),
      done: (id) => reply.seeOther(`${ctx.base}/frameworks/${id}`, 'outcomes.framework.created'),
    });
  });

  async function frameworkOf(request: FastifyRequest, ctx: PlaceContext) {
    const framework = await findFramework(db(), ctx.place.id, (request.params as { framework: string }).framework);
    if (!framework) throw new NotFoundError();
    return framework;
  }

  async function showFramework(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    errors?: FieldErrors,
    status = 200,
  ) {
    const body = (errors ? request.body : {}) as Record<string, unknown>;
    const framework = await frameworkOf(request, ctx);
    const [part, links, instruments, programmes] = await Promise.all([
      takingPartIn(db(), ctx.place.id, framework),
      linksOf(db(), [framework.id]),
      wellbeingInstruments(db(), ctx.place.id),
      programmesOf(db(), ctx.place.id),
    ]);
    const { outcomes, indicators, comments, endorsements, suggestions } = part;
    const names = await namesOf(db(), part.everyone);
    const nameOf = (id: string | null) => (id && names.get(id)) || request.t('outcomes.someone');
    const canManage = can(request, 'impact.manage', ctx);
    const suggestionView = (x: (typeof suggestions)[number]) => ({
      ...x,
      by: nameOf(x.proposedBy),
      stateText: request.t(`outcomes.suggestion.state.${x.state}`),
    });
    const activities = await activitySummaries(
      db(),
      ctx.place.id,
      links.filter((l) => l.targetKind === 'activity').map((l) => l.targetId),
    );
    const instrumentNames = new Map(instruments.map((i) => [i.id, i.name]));
    const draft = canChange(framework.state);
    return viewWith(
      reply,
      ctx,
      'outcomes/framework.njk',
      {
        pageTitle: framework.title,
        framework,
        draft,
        stateText: request.t(`outcomes.state.${framework.state}`),
        programme: programmes.find((p) => p.id === framework.programmeId)?.name,
        outcomes: outcomes.map((o) => ({
          ...o,
          indicators: indicators
            .filter((i) => i.outcomeId === o.id)
            .map((i) => ({
              title: i.title,
              measure: measureText(request.t, request.lang, i, instrumentNames, countableFigures(kith.modules)),
            })),
          endorsements: endorsements.filter((e) => e.outcomeId === o.id).length,
          residentEndorsements: part.residentEndorsements.filter((e) => e.outcomeId === o.id).length,
          addedBy: nameOf(o.addedBy),
          byResident: !!o.addedBy && part.roleOf(o.addedBy) === 'resident',
          suggestions: suggestions.filter((x) => x.outcomeId === o.id).map(suggestionView),
          endorsedByMe: endorsements.some((e) => e.outcomeId === o.id && e.personId === request.actor.personId),
          comments: comments.filter((c) => c.outcomeId === o.id).map((c) => ({ ...c, author: nameOf(c.personId) })),
          links: links
            .filter((l) => l.outcomeId === o.id)
            .map(
              (l) =>
                (l.targetKind === 'activity'
                  ? activities.get(l.targetId)?.name
                  : programmes.find((p) => p.id === l.targetId)?.name) ?? request.t('outcomes.someone'),
            ),
          commentError: body.outcome === o.id ? errors?.body : undefined,
        })),
        outcomeSuggestions: suggestions.filter((x) => x.kind === 'outcome').map(suggestionView),
        tookPart: byRole(part.everyone, part.roleOf).map((g) => ({
          role: request.t(`roles.${g.role}`),
          count: g.people.length,
          names: g.people.map((id) => nameOf(id)).join(', '),
        })),
        everyone: part.everyone.length,
        residents: part.residents,
        residentPercent: part.everyone.length ? Math.round((part.residents * 100) / part.everyone.length) : 0,
        canManage,
        canTakePart: can(request, 'impact.takePart', ctx),
        values: errors ? echoValues(request.body) : {},
        errors,
        suggestFor: body.form === 'suggest' ? String(body.outcome ?? '') || 'framework' : undefined,
        fieldIds: {
          body: `comment-${String(body.outcome ?? '')}`,
          publish: 'publish',
          title: body.form === 'suggest' ? `suggest-${String(body.outcome ?? '') || 'framework'}-title` : 'title',
          description:
            body.form === 'suggest'
              ? `suggest-${String(body.outcome ?? '') || 'framework'}-description`
              : 'description',
          reason: `decline-${String(body.suggestion ?? '')}`,
          suggestion: `suggestion-${String(body.suggestion ?? '')}`,
        },
      },
      status,
    );
  }

  app.get('/places/:place/outcomes/frameworks/:framework', async (request, reply) =>
    showFramework(request, reply, await placeFor(kith, request)),
  );

  /** A change refused by a rule shows again on the framework page, beside what caused it. */
  async function orShow(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    work: () => Promise<unknown>,
    done: string,
    flash: string,
  ) {
    try {
      await work();
    } catch (error) {
      const errors = ruleFieldErrors(error);
      if (errors) return showFramework(request, reply, ctx, errors, 422);
      throw error;
    }
    return reply.seeOther(done, flash);
  }

  app.post('/places/:place/outcomes/frameworks/:framework/outcomes', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.manage');
    const framework = await frameworkOf(request, ctx);
    return submitForm(request, {
      schema: OutcomeInput,
      show: (form) => showFramework(request, reply, ctx, form.errors, form.status),
      run: (outcome, submission) =>
        addOutcome(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          frameworkId: framework.id,
          ...outcome,
        }),
      done: () => reply.seeOther(`${ctx.base}/frameworks/${framework.id}`, 'outcomes.outcome.added'),
    });
  });

  async function showIndicator(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    errors?: FieldErrors,
    status = 200,
  ) {
    const framework = await frameworkOf(request, ctx);
    const outcome = await findOutcome(db(), ctx.place.id, (request.params as { outcome: string }).outcome);
    if (!outcome || outcome.frameworkId !== framework.id) throw new NotFoundError();
    const instruments = await wellbeingInstruments(db(), ctx.place.id);
    const suggestion = await suggestionFor(request, ctx, outcome.id);
    return viewWith(
      reply,
      ctx,
      'outcomes/indicator-form.njk',
      {
        pageTitle: request.t('outcomes.indicator.new', { outcome: outcome.title }),
        framework,
        outcome,
        ons4Items: ONS4_ITEMS.map((i) => ({ value: i, text: request.t(`prescribing.ons4.${i}`) })),
        instruments: instruments.map((i) => ({ value: i.id, text: i.name })),
        counts: countChoices(request.t, kith.modules),
        suggestion: suggestion && {
          ...suggestion,
          by: (await namesOf(db(), suggestion.proposedBy ? [suggestion.proposedBy] : [])).get(
            suggestion.proposedBy ?? '',
          ),
        },
        values: errors
          ? echoValues(request.body)
          : { scaleMin: '1', scaleMax: '5', title: suggestion?.title ?? '', suggestion: suggestion?.id ?? '' },
        errors,
        fieldIds: {
          measureKind: 'measureKind',
          ons4Item: 'ons4Item',
          count: 'count',
          instrumentId: 'instrumentId',
          suggestion: 'suggestion-error',
        },
      },
      status,
    );
  }

  /** The open indicator suggestion an officer is adopting on the indicator form, if any. */
  async function suggestionFor(request: FastifyRequest, ctx: PlaceContext, outcomeId: string) {
    const source = (request.method === 'POST' ? request.body : request.query) as Record<string, unknown> | undefined;
    const id = typeof source?.suggestion === 'string' ? source.suggestion.slice(0, 60) : '';
    if (!id) return undefined;
    const suggestion = await findSuggestion(db(), ctx.place.id, id);
    if (!suggestion || suggestion.kind !== 'indicator' || suggestion.outcomeId !== outcomeId) throw new NotFoundError();
    return suggestion;
  }

  app.get('/places/:place/outcomes/frameworks/:framework/outcomes/:outcome/indicators', async (request, reply) =>
    showIndicator(request, reply, await placeFor(kith, request, 'impact.manage')),
  );

  app.post('/places/:place/outcomes/frameworks/:framework/outcomes/:outcome/indicators', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.manage');
    const framework = await frameworkOf(request, ctx);
    return submitForm(request, {
      schema: IndicatorInput,
      show: (form) => showIndicator(request, reply, ctx, form.errors, form.status),
      run: async (input, submission) =>
        addIndicator(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          outcomeId: (request.params as { outcome: string }).outcome,
          input,
          suggestionId: (await suggestionFor(request, ctx, (request.params as { outcome: string }).outcome))?.id,
        }),
      done: () => reply.seeOther(`${ctx.base}/frameworks/${framework.id}`, 'outcomes.indicator.added'),
    });
  });

  app.post('/places/:place/outcomes/frameworks/:framework/outcomes/:outcome/comments', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.takePart');
    const framework = await frameworkOf(request, ctx);
    const outcomeId = (request.params as { outcome: string }).outcome;
    return submitForm(request, {
      schema: CommentInput,
      show: (form) => showFramework(request, reply, ctx, form.errors, form.status),
      run: ({ body }, submission) =>
        commentOn(kith, { placeId: ctx.place.id, actorId: me(request), formKey: submission.key, outcomeId, body }),
      done: () =>
        reply.seeOther(`${ctx.base}/frameworks/${framework.id}#outcome-${outcomeId}`, 'outcomes.comment.added'),
    });
  });

  app.post('/places/:place/outcomes/frameworks/:framework/outcomes/:outcome/endorse', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.takePart');
    const framework = await frameworkOf(request, ctx);
    const outcomeId = (request.params as { outcome: string }).outcome;
    return orShow(
      request,
      reply,
      ctx,
      () => endorse(kith, { placeId: ctx.place.id, actorId: me(request), outcomeId }),
      `${ctx.base}/frameworks/${framework.id}#outcome-${outcomeId}`,
      'outcomes.endorse.done',
    );
  });

  // Residents write outcomes and indicators too: they suggest, the officer adopts or says why not.
  app.post('/places/:place/outcomes/frameworks/:framework/suggestions', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.takePart');
    const framework = await frameworkOf(request, ctx);
    return submitForm(request, {
      schema: SuggestionInput,
      show: (form) => showFramework(request, reply, ctx, form.errors, form.status),
      run: (input, submission) =>
        suggest(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          frameworkId: framework.id,
          outcomeId: input.outcome,
          title: input.title,
          description: input.description,
        }),
      done: (id) =>
        reply.seeOther(`${ctx.base}/frameworks/${framework.id}#suggestion-${id}`, 'outcomes.suggestion.sent'),
    });
  });

  async function suggestionOf(request: FastifyRequest, ctx: PlaceContext, frameworkId: string) {
    const suggestion = await findSuggestion(db(), ctx.place.id, (request.params as { suggestion: string }).suggestion);
    if (!suggestion || suggestion.frameworkId !== frameworkId) throw new NotFoundError();
    return suggestion;
  }

  app.post('/places/:place/outcomes/frameworks/:framework/suggestions/:suggestion/adopt', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.manage');
    const framework = await frameworkOf(request, ctx);
    const suggestion = await suggestionOf(request, ctx, framework.id);
    // An indicator needs its measure chosen: the officer finishes it on the indicator form.
    if (suggestion.kind === 'indicator')
      return reply.redirect(
        `${ctx.base}/frameworks/${framework.id}/outcomes/${suggestion.outcomeId}/indicators?suggestion=${suggestion.id}`,
        303,
      );
    return orShow(
      request,
      reply,
      ctx,
      () => adoptOutcome(kith, { placeId: ctx.place.id, actorId: me(request), suggestionId: suggestion.id }),
      `${ctx.base}/frameworks/${framework.id}#suggestion-${suggestion.id}`,
      'outcomes.suggestion.adopted',
    );
  });

  app.post('/places/:place/outcomes/frameworks/:framework/suggestions/:suggestion/decline', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.manage');
    const framework = await frameworkOf(request, ctx);
    const suggestion = await suggestionOf(request, ctx, framework.id);
    return submitForm(request, {
      schema: DeclineInput,
      show: (form) => showFramework(request, reply, ctx, form.errors, form.status),
      run: ({ reason }) =>
        declineSuggestion(kith, { placeId: ctx.place.id, actorId: me(request), suggestionId: suggestion.id, reason }),
      done: () =>
        reply.seeOther(
          `${ctx.base}/frameworks/${framework.id}#suggestion-${suggestion.id}`,
          'outcomes.suggestion.declined',
        ),
    });
  });

  app.post('/places/:place/outcomes/frameworks/:framework/publish', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.manage');
    const framework = await frameworkOf(request, ctx);
    return orShow(
      request,
      reply,
      ctx,
      () => publish(kith, { placeId: ctx.place.id, actorId: me(request), frameworkId: framework.id }),
      `${ctx.base}/frameworks/${framework.id}`,
      'outcomes.framework.published',
    );
  });

  async function showLinks(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    errors?: FieldErrors,
    status = 200,
  ) {
    const framework = await frameworkOf(request, ctx);
    const outcomes = await outcomesOf(db(), [framework.id]);
    const source = (errors ? request.body : request.query) as Record<string, unknown>;
    const q = typeof source.q === 'string' ? source.q.trim().slice(0, 100) : '';
    const chosen = [source.activities ?? []].flat().map(String);
    const outcome = typeof source.outcome === 'string' ? source.outcome : '';
    const choices = await activityChoices(kith, request, ctx, q, chosen);
    // Two forms post here: the summary's links land on the fields of the one sent.
    const failed = errors
      ? typeof source.programme === 'string' && source.programme
        ? 'programme'
        : 'activities'
      : '';
    let fieldIds: Record<string, string> = {};
    if (failed === 'programme') fieldIds = { outcome: 'programme-outcome' };
    else if (failed === 'activities' && !choices.length) {
      // No activities were found to choose from: the way on is the search box.
      errors = { activities: errors!.activities ?? { key: 'outcomes.validation.link.activities' } };
      fieldIds = { activities: 'q' };
    }
    return viewWith(
      reply,
      ctx,
      'outcomes/links.njk',
      {
        pageTitle: request.t('outcomes.links.title', { title: framework.title }),
        framework,
        q,
        outcomes: outcomes.map((o) => ({ value: o.id, text: o.title, selected: o.id === outcome })),
        programmes: (await programmesOf(db(), ctx.place.id)).map((p) => ({ value: p.id, text: p.name })),
        choices,
        failed,
        values: errors ? echoValues(request.body) : {},
        errors,
        fieldIds,
      },
      status,
    );
  }

  app.get('/places/:place/outcomes/frameworks/:framework/links', async (request, reply) =>
    showLinks(request, reply, await placeFor(kith, request, 'impact.manage')),
  );

  app.post('/places/:place/outcomes/frameworks/:framework/links', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.manage');
    const framework = await frameworkOf(request, ctx);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const show = (form: FormState) => showLinks(request, reply, ctx, form.errors, form.status);
    const done = () => reply.seeOther(`${ctx.base}/frameworks/${framework.id}`, 'outcomes.links.done');
    // Two forms post here: one links a programme, the other chosen activities.
    if (typeof body.programme === 'string' && body.programme)
      return submitForm(request, {
        schema: ProgrammeLinkInput,
        show,
        run: ({ outcome, programme }) =>
          linkProgramme(kith, {
            placeId: ctx.place.id,
            actorId: me(request),
            outcomeId: outcome,
            programmeId: programme,
          }),
        done,
      });
    return submitForm(request, {
      schema: LinkInput,
      show,
      run: ({ outcome, activities }) =>
        linkActivities(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          frameworkId: framework.id,
          outcomeId: outcome,
          activityIds: activities,
        }),
      done,
    });
  });
}
