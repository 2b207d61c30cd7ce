/** Opening and running a process: its phases, its decisions, publishing results. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kith } from '../../../kith.js';
import { withDates } from '../../../web/fields.js';
import { freshForm, submitForm, type FormState } from '../../../web/forms.js';
import { withDraft } from '../../../web/library-draft.js';
import { actorId, viewInPlace } from '../../../web/place.js';
import type { Translate } from '../../../web/i18n.js';
import { CloseInput, DecisionInput, EasyReadInput, PHASE_DATES, PhaseInput, ProcessInput } from '../inputs.js';
import { addPhase, closeProcess, createDecision, createProcess, writeEasyRead } from '../participation.js';
import { EASY_READ_MOST_WORDS, longEasyReadLines } from '../rules.js';
import { ACTIVITIES, CLAIMABLE_RUNGS } from '../schema.js';
import { phasesOf, proposalsIn, type Process } from '../store.js';
import { participationPlace, processIn, type PlaceContext } from './context.js';

const ticked = (values: unknown, value: string) =>
  Array.isArray(values) ? values.map(String).includes(value) : values === value;

/** What the easy-read field shows beside it: the guidance, and each line that runs long (a warning only). */
export function easyReadGuidance(t: Translate, text: unknown) {
  return {
    most: EASY_READ_MOST_WORDS,
    longLines: longEasyReadLines(typeof text === 'string' ? text : '').map((l) =>
      t('participation.easyRead.longLine', { line: l.line, words: l.words, start: l.start }),
    ),
  };
}

export function manageRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function showProcessForm(request: FastifyRequest, reply: FastifyReply, ctx: PlaceContext, form: FormState) {
    return viewInPlace(
      reply,
      ctx,
      'participation/process-form.njk',
      {
        pageTitle: request.t('participation.process.new'),
        values: form.values,
        errors: form.errors,
        easyRead: easyReadGuidance(request.t, form.values.easyRead),
      },
      form.status,
    );
  }

  app.get('/places/:place/participation/new', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.manage');
    return showProcessForm(request, reply, ctx, freshForm());
  });

  app.post('/places/:place/participation/new', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.manage');
    return submitForm(request, {
      schema: ProcessInput,
      show: (form) => showProcessForm(request, reply, ctx, form),
      run: (process, submission) =>
        createProcess(kith, { placeId: ctx.place.id, personId: actorId(request), process, submission }),
      done: (id) => reply.seeOther(`${ctx.base}/processes/${id}/phases/new`, 'participation.process.created'),
    });
  });

  // The easy-read summary: written with the process, rewritten here (and written here for
  // a process from before it was asked, which can take no phase until it has one).

  async function showEasyReadForm(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    process: Process,
    form: FormState,
  ) {
    return viewInPlace(
      reply,
      ctx,
      'participation/easy-read-form.njk',
      {
        pageTitle: request.t('participation.easyRead.edit'),
        process,
        values: form.values,
        errors: form.errors,
        easyRead: easyReadGuidance(request.t, form.values.easyRead),
      },
      form.status,
    );
  }

  app.get('/places/:place/participation/processes/:process/easy-read/edit', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.manage');
    const process = await processIn(kith, request, ctx);
    return showEasyReadForm(request, reply, ctx, process, freshForm({ easyRead: process.easyRead }));
  });

  app.post('/places/:place/participation/processes/:process/easy-read/edit', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.manage');
    const process = await processIn(kith, request, ctx);
    return submitForm(request, {
      schema: EasyReadInput,
      show: (form) => showEasyReadForm(request, reply, ctx, process, form),
      run: (input, submission) =>
        writeEasyRead(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          processId: process.id,
          easyRead: input.easyRead,
          submission,
        }),
      done: () => reply.seeOther(`${ctx.base}/processes/${process.id}/easy-read`, 'participation.easyRead.saved'),
    });
  });

  async function showPhaseForm(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    process: Process,
    form: FormState,
  ) {
    const v = form.values;
    return viewInPlace(
      reply,
      ctx,
      'participation/phase-form.njk',
      {
        pageTitle: request.t('participation.phase.new'),
        process,
        values: v,
        errors: form.errors,
        activities: ACTIVITIES.map((a) => ({
          value: a,
          text: request.t(`participation.activity.${a}`),
          checked: ticked(v.activities, a),
        })),
        rungs: CLAIMABLE_RUNGS.map((r) => ({
          value: r,
          text: request.t(`participation.rung.${r}`),
          hint: { text: request.t(`participation.rung.${r}.meaning`) },
          checked: v.rung === r,
        })),
        fieldIds: { opensOn: 'opensOn-day', closesOn: 'closesOn-day', activities: 'activities', rung: 'rung' },
      },
      form.status,
    );
  }

  app.get('/places/:place/participation/processes/:process/phases/new', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.manage');
    const process = await processIn(kith, request, ctx);
    return showPhaseForm(request, reply, ctx, process, freshForm());
  });

  app.post('/places/:place/participation/processes/:process/phases/new', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.manage');
    const process = await processIn(kith, request, ctx);
    return submitForm(request, {
      schema: PhaseInput,
      input: withDates(request.body, ...PHASE_DATES),
      show: (form) => showPhaseForm(request, reply, ctx, process, form),
      run: (phase, submission) =>
        addPhase(kith, { placeId: ctx.place.id, personId: actorId(request), processId: process.id, phase, submission }),
      done: () => reply.seeOther(`${ctx.base}/processes/${process.id}`, 'participation.phase.added'),
    });
  });

  async function showDecisionForm(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    process: Process,
    form: FormState,
  ) {
    const phases = (await phasesOf(db(), process.id)).filter((p) => p.activities.includes('vote'));
    const open = (await proposalsIn(db(), process.id)).filter((p) => p.status === 'open');
    const v = form.values;
    return viewInPlace(
      reply,
      ctx,
      'participation/decision-form.njk',
      {
        pageTitle: request.t('participation.decision.new'),
        process,
        values: v,
        errors: form.errors,
        kinds: (['threshold', 'approval', 'consent'] as const).map((k) => ({
          value: k,
          text: request.t(`participation.decision.kind.${k}`),
          hint: { text: request.t(`participation.decision.kind.${k}.hint`) },
          checked: v.kind === k,
        })),
        phases: [
          { value: '', text: request.t('participation.decision.choosePhase') },
          ...phases.map((p) => ({ value: p.id, text: p.title, selected: v.phaseId === p.id })),
        ],
        proposals: [
          { value: '', text: request.t('participation.decision.chooseProposal') },
          ...open.map((p) => ({ value: p.id, text: p.title, selected: v.proposalId === p.id })),
        ],
        fieldIds: { kind: 'kind' },
      },
      form.status,
    );
  }

  app.get('/places/:place/participation/processes/:process/decisions/new', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.manage');
    const process = await processIn(kith, request, ctx);
    return showDecisionForm(request, reply, ctx, process, freshForm({ maxChoices: '3', winners: '3' }));
  });

  app.post('/places/:place/participation/processes/:process/decisions/new', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.manage');
    const process = await processIn(kith, request, ctx);
    return submitForm(request, {
      schema: DecisionInput,
      show: (form) => showDecisionForm(request, reply, ctx, process, form),
      run: (decision, submission) =>
        createDecision(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          processId: process.id,
          decision,
          submission,
        }),
      done: (id) => reply.seeOther(`${ctx.base}/decisions/${id}`, 'participation.decision.created'),
    });
  });

  // Closing a process: its phases end, and the facilitator is asked what they would do differently.

  async function showCloseForm(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    process: Process,
    form: FormState,
  ) {
    return viewInPlace(
      reply,
      ctx,
      'participation/close.njk',
      { pageTitle: request.t('participation.close.title'), process, values: form.values, errors: form.errors },
      form.status,
    );
  }

  app.get('/places/:place/participation/processes/:process/close', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.manage');
    const process = await processIn(kith, request, ctx);
    return showCloseForm(request, reply, ctx, process, freshForm());
  });

  app.post('/places/:place/participation/processes/:process/close', async (request, reply) => {
    const ctx = await participationPlace(kith, request, 'participation.manage');
    const process = await processIn(kith, request, ctx);
    return submitForm(request, {
      schema: CloseInput,
      show: (form) => showCloseForm(request, reply, ctx, process, form),
      run: (input, submission) =>
        closeProcess(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          processId: process.id,
          ...input,
          library: {
            placeSlug: ctx.place.slug,
            title: request.t('participation.close.caseTitle', { title: process.title }),
            location: ctx.name,
          },
          submission,
        }),
      done: ({ draftHref }) =>
        reply.seeOther(withDraft(`${ctx.base}/processes/${process.id}`, draftHref), 'participation.close.done'),
    });
  });
}
