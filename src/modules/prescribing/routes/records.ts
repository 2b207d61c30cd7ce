/**
 * A link worker's pages about the people they support: the caseload, opening a record,
 * the record itself, the "what matters to you" conversation and consent, the care team,
 * health notes (every view audited) and the invitation to take the record over.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kith } from '../../../kith.js';
import { echoValues, parseInput, submitForm, type FieldErrors, submissionKey } from '../../../web/forms.js';
import { PageQuery, paginationFor } from '../../../web/pagination.js';
import { consentAllowsReferral, SHARE_ITEMS } from '../consent.js';
import { namesOf } from '../people.js';
import {
  addColleague,
  addHealthNote,
  removeColleague,
  inviteToTakeOver,
  openRecord,
  readHealthNotes,
  recordConsent,
  recordConversation,
  type LoadedRecord,
} from '../records.js';
import { ConsentInput, ConversationInput, HealthNoteInput, ColleagueInput, RecordInput, withDate } from '../inputs.js';
import { SNOMED } from '../referral-status.js';
import {
  consentsOf,
  conversationsOf,
  instrumentsOf,
  recordsOfWorker,
  referralsOfRecord,
  wellbeingOf,
} from '../store.js';
import { targetKey, targetSummaries } from '../targets.js';
import { otherInstrumentsView, wellbeingView } from '../wellbeing.js';
import { dateValues, me, placeFor, recordFor, viewedRecordFor, viewWith, type PlaceContext } from './context.js';
import { kindText } from './present.js';

const PER_PAGE = 25;

export function recordRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  app.get('/places/:place/social-prescribing', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'socialPrescribing.refer');
    const parsed = parseInput(PageQuery, request.query);
    const page = parsed.ok ? parsed.value.page : 1;
    const { rows, total } = await recordsOfWorker(db(), ctx.place.id, me(request), {
      limit: PER_PAGE,
      offset: (page - 1) * PER_PAGE,
    });
    const names = await namesOf(db(), [...new Set(rows.map((r) => r.holderId))]);
    return viewWith(reply, ctx, 'prescribing/caseload.njk', {
      pageTitle: request.t('prescribing.caseload.title'),
      records: rows.map((r) => ({
        ...r,
        holder:
          r.holderId === me(request)
            ? request.t('prescribing.caseload.you')
            : (names.get(r.holderId) ?? request.t('prescribing.someone')),
      })),
      total,
      pagination: paginationFor(request.t, { page, perPage: PER_PAGE, total, href: (p) => `${ctx.base}?page=${p}` }),
    });
  });

  function showNew(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    errors?: FieldErrors,
    status = 200,
  ) {
    return viewWith(
      reply,
      ctx,
      'prescribing/record-form.njk',
      { pageTitle: request.t('prescribing.record.new.title'), values: errors ? echoValues(request.body) : {}, errors },
      status,
    );
  }

  app.get('/places/:place/social-prescribing/people/new', async (request, reply) =>
    showNew(request, reply, await placeFor(kith, request, 'socialPrescribing.refer')),
  );

  app.post('/places/:place/social-prescribing/people/new', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'socialPrescribing.refer');
    return submitForm(request, {
      schema: RecordInput,
      show: (form) => showNew(request, reply, ctx, form.errors, form.status),
      run: (input, submission) =>
        openRecord(kith, { placeId: ctx.place.id, actorId: me(request), formKey: submission.key, input }),
      done: (id) => reply.seeOther(`${ctx.base}/people/${id}/conversation`, 'prescribing.record.new.done'),
    });
  });

  async function showRecord(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    record: LoadedRecord,
    errors?: FieldErrors,
    status = 200,
  ) {
    const r = record;
    const [conversations, consents, referrals, wellbeing, instruments] = await Promise.all([
      conversationsOf(db(), r.id),
      consentsOf(db(), r.id),
      referralsOfRecord(db(), r.id),
      wellbeingOf(db(), r.id),
      instrumentsOf(db(), ctx.place.id),
    ]);
    const consent = consents[0];
    const targets = await targetSummaries(db(), ctx.place.id, referrals);
    const names = await namesOf(db(), [r.holderId]);
    return viewWith(
      reply,
      ctx,
      'prescribing/record.njk',
      {
        pageTitle: r.name,
        record: r,
        holder: names.get(r.holderId) ?? request.t('prescribing.someone'),
        isHolder: r.holderId === me(request),
        careTeam: record.careTeam,
        conversation: conversations[0],
        consent,
        canRefer: consentAllowsReferral(consent),
        referrals: referrals.map((x) => ({
          ...x,
          activity: targets.get(targetKey(x))?.name ?? '',
          organisation: targets.get(targetKey(x))?.organisationName ?? '',
          kindText: kindText(request.t, x.targetKind),
          statusText: request.t(`prescribing.status.${x.status}`),
        })),
        wellbeing: wellbeingView(request.t, wellbeing),
        otherInstruments: otherInstrumentsView(request.t, wellbeing, instruments),
        instruments: instruments.filter((i) => i.active),
        episodeCode: r.episodeCode
          ? `${r.episodeCode} ${Object.values(SNOMED).find((s) => s.code === r.episodeCode)?.display ?? ''}`
          : '',
        values: errors ? echoValues(request.body) : {},
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/social-prescribing/people/:record', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return showRecord(request, reply, ctx, await viewedRecordFor(kith, request, ctx, 'record'));
  });

  function showConversation(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    record: LoadedRecord,
    errors?: FieldErrors,
    status = 200,
  ) {
    return viewWith(
      reply,
      ctx,
      'prescribing/conversation.njk',
      {
        pageTitle: request.t('prescribing.conversation.title', { name: record.preferredName }),
        record: record,
        values: errors ? echoValues(request.body) : {},
        heldOn: dateValues(errors ? request.body : undefined, 'heldOn'),
        errors,
        fieldIds: { heldOn: 'heldOn-day' },
      },
      status,
    );
  }

  app.get('/places/:place/social-prescribing/people/:record/conversation', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return showConversation(request, reply, ctx, await viewedRecordFor(kith, request, ctx, 'conversation'));
  });

  app.post('/places/:place/social-prescribing/people/:record/conversation', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const record = await recordFor(kith, request, ctx);
    return submitForm(request, {
      schema: ConversationInput,
      input: withDate(request.body, 'heldOn'),
      show: (form) => showConversation(request, reply, ctx, record, form.errors, form.status),
      run: (input, submission) =>
        recordConversation(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          recordId: record.id,
          input,
        }),
      done: () => reply.seeOther(`${ctx.base}/people/${record.id}/consent`, 'prescribing.conversation.done'),
    });
  });

  function showConsent(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    record: LoadedRecord,
    errors?: FieldErrors,
    status = 200,
  ) {
    const body = (errors ? request.body : {}) as Record<string, unknown>;
    const chosen = [body.shares ?? []].flat().map(String);
    return viewWith(
      reply,
      ctx,
      'prescribing/consent.njk',
      {
        pageTitle: request.t('prescribing.consent.title', { name: record.preferredName }),
        record: record,
        statement: request.t('prescribing.consent.statement'),
        shareItems: SHARE_ITEMS.map((s) => ({
          value: s,
          text: request.t(`prescribing.consent.share.${s}`),
          checked: chosen.includes(s),
        })),
        values: body,
        givenOn: dateValues(errors ? request.body : undefined, 'givenOn'),
        errors,
        fieldIds: { givenOn: 'givenOn-day', shares: 'shares', decision: 'decision', messageBack: 'messageBack' },
      },
      status,
    );
  }

  app.get('/places/:place/social-prescribing/people/:record/consent', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return showConsent(request, reply, ctx, await viewedRecordFor(kith, request, ctx, 'consent'));
  });

  app.post('/places/:place/social-prescribing/people/:record/consent', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const record = await recordFor(kith, request, ctx);
    return submitForm(request, {
      schema: ConsentInput,
      input: withDate(request.body, 'givenOn'),
      show: (form) => showConsent(request, reply, ctx, record, form.errors, form.status),
      run: async (input, submission) => {
        await recordConsent(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          recordId: record.id,
          input,
          lang: request.lang,
        });
        return input.decision;
      },
      done: (decision) =>
        decision === 'declined'
          ? reply.seeOther(`${ctx.base}/people/${record.id}`, 'prescribing.consent.declinedDone')
          : reply.seeOther(`${ctx.base}/people/${record.id}/find`, 'prescribing.consent.done'),
    });
  });

  app.post('/places/:place/social-prescribing/people/:record/care-team', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const record = await recordFor(kith, request, ctx);
    return submitForm(request, {
      schema: ColleagueInput,
      show: (form) => showRecord(request, reply, ctx, record, form.errors, form.status),
      run: ({ email }) =>
        addColleague(kith, { placeId: ctx.place.id, actorId: me(request), recordId: record.id, email }),
      done: () => reply.seeOther(`${ctx.base}/people/${record.id}#care-team`, 'prescribing.careTeam.added'),
    });
  });

  app.post('/places/:place/social-prescribing/people/:record/invite', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const record = await recordFor(kith, request, ctx);
    try {
      await inviteToTakeOver(kith, {
        placeId: ctx.place.id,
        placeSlug: ctx.place.slug,
        actorId: me(request),
        formKey: submissionKey(request),
        recordId: record.id,
        lang: request.lang,
      });
    } catch (error) {
      const e = error as { status?: number; key?: string };
      if (e.status === 422 && e.key) return showRecord(request, reply, ctx, record, { invite: { key: e.key } }, 422);
      throw error;
    }
    return reply.seeOther(`${ctx.base}/people/${record.id}`, 'prescribing.invite.sent');
  });

  async function showNotes(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    record: LoadedRecord,
    errors?: FieldErrors,
    status = 200,
  ) {
    const notes = await readHealthNotes(kith, { placeId: ctx.place.id, actorId: me(request), recordId: record.id });
    const names = await namesOf(db(), [...new Set(notes.map((n) => n.writtenBy))]);
    return viewWith(
      reply,
      ctx,
      'prescribing/health-notes.njk',
      {
        pageTitle: request.t('prescribing.notes.title', { name: record.preferredName }),
        record: record,
        notes: notes.map((n) => ({ ...n, author: names.get(n.writtenBy) ?? request.t('prescribing.someone') })),
        canWrite: kith.policy.can(request.actor, 'socialPrescribing.careTeam', record.subject),
        isPerson: record.personId === me(request),
        values: errors ? echoValues(request.body) : {},
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/social-prescribing/people/:record/health-notes', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return showNotes(request, reply, ctx, await recordFor(kith, request, ctx, 'socialPrescribing.healthNotes'));
  });

  app.post('/places/:place/social-prescribing/people/:record/health-notes', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const record = await recordFor(kith, request, ctx);
    return submitForm(request, {
      schema: HealthNoteInput,
      show: (form) => showNotes(request, reply, ctx, record, form.errors, form.status),
      run: ({ body }, submission) =>
        addHealthNote(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          recordId: record.id,
          body,
        }),
      done: () => reply.seeOther(`${ctx.base}/people/${record.id}/health-notes`, 'prescribing.notes.added'),
    });
  });

  app.post('/places/:place/social-prescribing/people/:record/care-team/:person/remove', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const record = await recordFor(kith, request, ctx);
    await removeColleague(kith, {
      placeId: ctx.place.id,
      actorId: me(request),
      recordId: record.id,
      personId: (request.params as { person: string }).person,
    });
    return reply.seeOther(`${ctx.base}/people/${record.id}#care-team`, 'prescribing.careTeam.removed');
  });
}
