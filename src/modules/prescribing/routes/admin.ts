/** The place's settings for social prescribing: who may refer, and its own wellbeing instruments. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kith } from '../../../kith.js';
import { echoValues, submitForm, type FieldErrors } from '../../../web/forms.js';
import { InstrumentInput, REFERRER_ROLE_CHOICES, SettingsInput } from '../inputs.js';
import { instrumentsOf } from '../store.js';
import { addInstrument, saveReferrerSettings } from '../settings.js';
import { instrumentItems } from '../wellbeing.js';
import { me, placeFor, viewWith, type PlaceContext } from './context.js';

export function adminRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function showSettings(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    errors?: FieldErrors,
    status = 200,
  ) {
    const instruments = await instrumentsOf(db(), ctx.place.id);
    const body = (errors ? request.body : {}) as Record<string, unknown>;
    return viewWith(
      reply,
      ctx,
      'prescribing/settings.njk',
      {
        pageTitle: request.t('prescribing.settings.title'),
        roles: REFERRER_ROLE_CHOICES.map((r) => ({
          value: r,
          text: request.t(`roles.${r}`),
          checked: ctx.referrerRoles.includes(r),
        })),
        instruments: instruments.map((i) => ({ ...i, itemCount: instrumentItems(i).length })),
        values: errors ? echoValues(body) : { scaleMin: '1', scaleMax: '5', higherIsBetter: 'yes' },
        errors,
        fieldIds: { roles: 'roles', higherIsBetter: 'higherIsBetter' },
      },
      status,
    );
  }

  app.get('/places/:place/social-prescribing/settings', async (request, reply) =>
    showSettings(request, reply, await placeFor(kith, request, 'socialPrescribing.settings')),
  );

  app.post('/places/:place/social-prescribing/settings', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'socialPrescribing.settings');
    return submitForm(request, {
      schema: SettingsInput,
      show: (form) => showSettings(request, reply, ctx, form.errors, form.status),
      run: ({ roles }) => saveReferrerSettings(kith, { placeId: ctx.place.id, actorId: me(request), roles }),
      done: () => reply.seeOther(`${ctx.base}/settings`, 'prescribing.settings.saved'),
    });
  });

  app.post('/places/:place/social-prescribing/settings/instruments', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'socialPrescribing.settings');
    return submitForm(request, {
      schema: InstrumentInput,
      show: (form) => showSettings(request, reply, ctx, form.errors, form.status),
      run: (input, submission) =>
        addInstrument(kith, { actorId: me(request), formKey: submission.key, placeId: ctx.place.id, input }),
      done: () => reply.seeOther(`${ctx.base}/settings`, 'prescribing.instrument.added'),
    });
  });
}
