import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { hasRole } from '../../../policy/index.js';
import { freshForm, parseInput, submitForm, type FormState } from '../../../web/forms.js';
import { paginationFor } from '../../../web/pagination.js';
import { actorId, placeContext, viewInPlace, type PlaceContext } from '../../../web/place.js';
import { addFollowUp, editCase, ensureLibrary, hideFollowUp, moderateCase, submitCase } from '../library.js';
import { checkItems, explainerOf, presentCase, selectItems } from '../present.js';
import { AREAS, COST_BANDS, EVIDENCE_LEVELS, OUTCOME_TAGS, TYPOLOGIES, wordsOf } from '../rules.js';
import { CaseInput, FollowUpInput, HideFollowUpInput, ModerationInput, SearchQuery } from '../inputs.js';
import {
  areasInUse,
  casesWithStatus,
  findCase,
  findFollowUp,
  followUpsOf,
  relatedCases,
  searchCases,
  termsOf,
  versionsOf,
  type CaseStudy,
} from '../store.js';

const PER_PAGE = 20;

export function caseRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function context(request: FastifyRequest, action?: string): Promise<PlaceContext> {
    const ctx = await placeContext(kith, request, { section: 'library', action: action ?? 'library.read' });
    await ensureLibrary(kith, ctx.place.id);
    return ctx;
  }

  /** A published case for anyone; one not yet published only for its submitter and admins (others: no such case). */
  async function visibleCase(request: FastifyRequest, ctx: PlaceContext): Promise<CaseStudy> {
    const found = await findCase(db(), ctx.place.id, (request.params as { case: string }).case);
    if (!found) throw new NotFoundError();
    if (found.status !== 'published' && !kith.policy.can(request.actor, 'library.ownCase', found))
      throw new NotFoundError();
    return found;
  }

  app.get('/places/:place/library', async (request, reply) => {
    const ctx = await context(request);
    const parsed = parseInput(SearchQuery, request.query);
    const query = parsed.ok ? parsed.value : SearchQuery.parse({});
    const found = await searchCases(
      db(),
      kith.db.dialect,
      ctx.place.id,
      {
        words: wordsOf(query.q),
        typology: query.typology,
        evidenceAtLeast: query.evidence,
        area: query.area,
        costBand: query.cost,
        outcome: query.outcome,
      },
      { limit: PER_PAGE, offset: (query.page - 1) * PER_PAGE },
    );
    const explainer = explainerOf(request, ctx.place.slug, await termsOf(db(), ctx.place.id));
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, page: undefined }))
      if (v !== undefined && v !== '') params.set(k, String(v));
    const areas = new Set(await areasInUse(db(), ctx.place.id));
    return viewInPlace(
      reply,
      ctx,
      'library/home.njk',
      {
        pageTitle: request.t('library.home.title'),
        values: { q: query.q },
        errors: parsed.ok ? undefined : parsed.errors,
        total: found.total,
        cases: found.cases.map((c) => presentCase(request.t, c)),
        typologyItems: [
          { value: '', text: request.t('library.search.anyTypology'), checked: !query.typology },
          ...TYPOLOGIES.map((code) => {
            const html = explainer.first(code);
            return {
              value: code,
              text: request.t(`library.typology.${code}`),
              checked: query.typology === code,
              hint: html ? { html } : undefined,
            };
          }),
        ],
        evidenceItems: selectItems(
          request.t,
          'library.evidenceAtLeast',
          EVIDENCE_LEVELS,
          query.evidence,
          request.t('library.search.anyEvidence'),
        ),
        areaItems: selectItems(
          request.t,
          'library.area',
          AREAS.filter((a) => areas.has(a) || a === query.area),
          query.area,
          request.t('library.search.anyArea'),
        ),
        costItems: selectItems(request.t, 'library.cost', COST_BANDS, query.cost, request.t('library.search.anyCost')),
        outcomeItems: selectItems(
          request.t,
          'library.outcome',
          OUTCOME_TAGS,
          query.outcome,
          request.t('library.search.anyOutcome'),
        ),
        evidenceExplained: explainer.first('evidence-levels'),
        pagination: paginationFor(request.t, {
          page: query.page,
          perPage: PER_PAGE,
          total: found.total,
          href: (p) => `${ctx.base}?${new URLSearchParams([...params, ['page', String(p)]])}`,
        }),
        canSubmit: kith.policy.can(request.actor, 'library.submit', ctx.place),
        canModerate: kith.policy.can(request.actor, 'library.moderate', ctx.place),
      },
      parsed.ok ? 200 : 400,
    );
  });

  app.get('/places/:place/library/cases/:case', async (request, reply) => {
    const ctx = await context(request);
    const found = await visibleCase(request, ctx);
    const [related, followUps] = await Promise.all([
      relatedCases(db(), found),
      followUpsOf(db(), ctx.place.id, found.id),
    ]);
    const canModerate = kith.policy.can(request.actor, 'library.moderate', ctx.place);
    return viewInPlace(reply, ctx, 'library/case.njk', {
      pageTitle: found.title,
      study: presentCase(request.t, found),
      related: related.map((c) => presentCase(request.t, c)),
      followUps: followUps.filter((f) => f.status === 'published' || canModerate),
      canEdit: kith.policy.can(request.actor, 'library.ownCase', found),
      canModerate,
      canFollowUp: found.status === 'published' && kith.policy.can(request.actor, 'library.submit', ctx.place),
      values: {},
    });
  });

  function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    form: FormState,
    existing?: CaseStudy,
  ) {
    const v = form.values;
    return viewInPlace(
      reply,
      ctx,
      'library/case-form.njk',
      {
        pageTitle: existing ? request.t('library.form.editTitle') : request.t('library.form.newTitle'),
        study: existing,
        values: v,
        errors: form.errors,
        fieldIds: {
          typologies: 'typologies',
          area: 'area',
          costBand: 'costBand',
          evidenceLevel: 'evidenceLevel',
          outcomeTags: 'outcomeTags',
        },
        typologyItems: checkItems(request.t, 'library.typology', TYPOLOGIES, v.typologies),
        areaItems: selectItems(request.t, 'library.area', AREAS, v.area, request.t('library.form.choose')),
        costItems: selectItems(request.t, 'library.cost', COST_BANDS, v.costBand, request.t('library.form.choose')),
        evidenceItems: EVIDENCE_LEVELS.map((n) => ({
          value: String(n),
          text: request.t(`library.evidence.${n}`),
          checked: String(v.evidenceLevel ?? '') === String(n),
        })),
        outcomeItems: checkItems(request.t, 'library.outcome', OUTCOME_TAGS, v.outcomeTags),
      },
      form.status,
    );
  }

  app.get('/places/:place/library/new', async (request, reply) => {
    const ctx = await context(request, 'library.submit');
    return showForm(request, reply, ctx, freshForm());
  });

  app.post('/places/:place/library/new', async (request, reply) => {
    const ctx = await context(request, 'library.submit');
    const publish = hasRole(request.actor, ctx.place.id, 'admin');
    return submitForm(request, {
      schema: CaseInput,
      show: (form) => showForm(request, reply, ctx, form),
      run: (fields, submission) =>
        submitCase(kith, { placeId: ctx.place.id, actorId: actorId(request), fields, publish, submission }),
      done: (id) =>
        reply.seeOther(`${ctx.base}/cases/${id}`, publish ? 'library.case.published' : 'library.case.submitted'),
    });
  });

  async function ownCase(request: FastifyRequest, ctx: PlaceContext) {
    const found = await findCase(db(), ctx.place.id, (request.params as { case: string }).case);
    if (!found) throw new NotFoundError();
    kith.policy.authorize(request.actor, 'library.ownCase', found);
    return found;
  }

  app.get('/places/:place/library/cases/:case/edit', async (request, reply) => {
    const ctx = await context(request);
    const found = await ownCase(request, ctx);
    return showForm(request, reply, ctx, freshForm({ ...found, evidenceLevel: String(found.evidenceLevel) }), found);
  });

  app.post('/places/:place/library/cases/:case/edit', async (request, reply) => {
    const ctx = await context(request);
    const found = await ownCase(request, ctx);
    const byAdmin = hasRole(request.actor, ctx.place.id, 'admin');
    return submitForm(request, {
      schema: CaseInput.extend({
        note: z.string().trim().max(600, { message: 'library.validation.tooLong' }).default(''),
      }),
      show: (form) => showForm(request, reply, ctx, form, found),
      run: ({ note, ...fields }) =>
        editCase(kith, { placeId: ctx.place.id, actorId: actorId(request), caseId: found.id, fields, byAdmin, note }),
      done: () =>
        reply.seeOther(`${ctx.base}/cases/${found.id}`, byAdmin ? 'library.case.changed' : 'library.case.resubmitted'),
    });
  });

  app.get('/places/:place/library/cases/:case/versions', async (request, reply) => {
    const ctx = await context(request);
    const found = await visibleCase(request, ctx);
    const versions = await versionsOf(db(), ctx.place.id, found.id);
    return viewInPlace(reply, ctx, 'library/versions.njk', {
      pageTitle: request.t('library.versions.title', { title: found.title }),
      study: found,
      versions: versions.map((v) => ({
        ...v,
        html: {
          whatDidNot: v.snapshot.whatDidNot
            ? presentCase(request.t, { ...found, ...v.snapshot } as CaseStudy).html.whatDidNot
            : '',
        },
        title: v.snapshot.title ?? '',
        summary: v.snapshot.summary ?? '',
        evidenceName: v.snapshot.evidenceLevel ? request.t(`library.evidence.${v.snapshot.evidenceLevel}`) : '',
      })),
    });
  });

  app.get('/places/:place/library/moderation', async (request, reply) => {
    const ctx = await context(request, 'library.moderate');
    const waiting = await casesWithStatus(db(), ctx.place.id, 'submitted');
    return viewInPlace(reply, ctx, 'library/moderation.njk', {
      pageTitle: request.t('library.moderation.title'),
      waiting: waiting.map((c) => presentCase(request.t, c)),
    });
  });

  app.post('/places/:place/library/cases/:case/moderate', async (request, reply) => {
    const ctx = await context(request, 'library.moderate');
    const found = await findCase(db(), ctx.place.id, (request.params as { case: string }).case);
    if (!found) throw new NotFoundError();
    return submitForm(request, {
      schema: ModerationInput,
      show: async (form) =>
        viewInPlace(
          reply,
          ctx,
          'library/case.njk',
          {
            pageTitle: found.title,
            study: presentCase(request.t, found),
            related: [],
            followUps: [],
            canEdit: true,
            canModerate: true,
            values: form.values,
            errors: form.errors,
          },
          form.status,
        ),
      run: async (input) =>
        moderateCase(kith, { placeId: ctx.place.id, actorId: actorId(request), caseId: found.id, ...input }),
      done: () =>
        reply.seeOther(
          `${ctx.base}/moderation`,
          (request.body as { decision?: string }).decision === 'publish'
            ? 'library.case.published'
            : 'library.case.rejected',
        ),
    });
  });

  app.post('/places/:place/library/cases/:case/follow-ups', async (request, reply) => {
    const ctx = await context(request, 'library.submit');
    const found = await findCase(db(), ctx.place.id, (request.params as { case: string }).case);
    if (!found || found.status !== 'published') throw new NotFoundError();
    return submitForm(request, {
      schema: FollowUpInput,
      show: async (form) => {
        const [related, followUps] = await Promise.all([
          relatedCases(db(), found),
          followUpsOf(db(), ctx.place.id, found.id),
        ]);
        return viewInPlace(
          reply,
          ctx,
          'library/case.njk',
          {
            pageTitle: found.title,
            study: presentCase(request.t, found),
            related: related.map((c) => presentCase(request.t, c)),
            followUps: followUps.filter((f) => f.status === 'published'),
            canFollowUp: true,
            values: form.values,
            errors: form.errors,
            fieldIds: { location: 'location' },
          },
          form.status,
        );
      },
      run: (input, submission) =>
        addFollowUp(kith, { placeId: ctx.place.id, actorId: actorId(request), caseId: found.id, ...input, submission }),
      done: () => reply.seeOther(`${ctx.base}/cases/${found.id}#follow-ups`, 'library.followUp.added'),
    });
  });

  app.post('/places/:place/library/follow-ups/:followUp/hide', async (request, reply) => {
    const ctx = await context(request, 'library.moderate');
    const followUp = await findFollowUp(db(), ctx.place.id, (request.params as { followUp: string }).followUp);
    if (!followUp) throw new NotFoundError();
    const back = `${ctx.base}/cases/${followUp.caseId}#follow-ups`;
    return submitForm(request, {
      schema: HideFollowUpInput,
      show: () => reply.seeOther(back, 'library.followUp.reasonNeeded'),
      run: ({ reason }) =>
        hideFollowUp(kith, { placeId: ctx.place.id, actorId: actorId(request), followUpId: followUp.id, reason }),
      done: () => reply.seeOther(back, 'library.followUp.hidden'),
    });
  });
}
