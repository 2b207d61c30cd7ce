/** The place's settings for social prescribing: who may refer, and its own wellbeing instruments. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kith } from '../../../kith.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { submitted } from '../../../platform/idempotency/index.js';
import { echoValues, parseInput, submissionKey, type FieldErrors } from '../../../web/forms.js';
import { InstrumentInput, REFERRER_ROLE_CHOICES, SettingsInput } from '../inputs.js';
import { insertInstrument, instrumentsOf, saveReferrerRoles } from '../store.js';
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
    const parsed = parseInput(SettingsInput, request.body);
    if (!parsed.ok) return showSettings(request, reply, ctx, parsed.errors, 400);
    await kith.db.transaction(async (trx) => {
      await saveReferrerRoles(trx, ctx.place.id, parsed.value.roles, me(request));
      await recordAudit(trx, {
        placeId: ctx.place.id,
        actorId: me(request),
        action: 'prescribingSettings.changed',
        detail: { roles: parsed.value.roles.join(', ') },
      });
    });
    return reply.seeOther(`${ctx.base}/settings`, 'prescribing.settings.saved');
  });

  app.post('/places/:place/social-prescribing/settings/instruments', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'socialPrescribing.settings');
    const parsed = parseInput(InstrumentInput, request.body);
    if (!parsed.ok) return showSettings(request, reply, ctx, parsed.errors, 400);
    const i = parsed.value;
    // Once per submission: a double click adds one instrument, not two.
    const by = { actorId: me(request), formKey: submissionKey(request) };
    await submitted(kith, by, 'prescribing/instrument', async (trx) => {
      const id = await insertInstrument(trx, {
        place_id: ctx.place.id,
        name: i.name,
        items: JSON.stringify(i.items.map((text, n) => ({ key: `item${n + 1}`, text, textCy: i.itemsCy[n] ?? null }))),
        scale_min: i.scaleMin,
        scale_max: i.scaleMax,
        higher_is_better: i.higherIsBetter === 'yes' ? 1 : 0,
        licence_note: i.licenceNote,
        active: 1,
        created_by: me(request),
      });
      await recordAudit(trx, {
        placeId: ctx.place.id,
        actorId: me(request),
        action: 'instrument.added',
        subjectType: 'instrument',
        subjectId: id,
        detail: { name: i.name },
      });
    });
    return reply.seeOther(`${ctx.base}/settings`, 'prescribing.instrument.added');
  });
}
