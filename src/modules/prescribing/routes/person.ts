/**
 * The person's own side: what Kith holds about their support (conversations, consent,
 * referrals, wellbeing and the way to their health notes), and taking over a record a
 * link worker kept for them.
 */
import type { FastifyInstance } from 'fastify';
import type { Kith } from '../../../kith.js';
import { ruleFieldErrors } from '../../../web/forms.js';
import { namesOf } from '../people.js';
import { claimRecord, recordForInvite } from '../records.js';
import { consentsOf, conversationsOf, recordsOfPerson, referralsOfRecord, wellbeingOf } from '../store.js';
import { targetKey, targetSummaries } from '../targets.js';
import { wellbeingView } from '../wellbeing.js';
import { me, placeFor, viewWith } from './context.js';
import { kindText } from './present.js';

export function personRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  app.get('/places/:place/my-support', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'socialPrescribing.ownSupport');
    const records = await recordsOfPerson(db(), me(request), ctx.place.id);
    const names = await namesOf(
      db(),
      records.map((r) => r.holderId),
    );
    const shown = await Promise.all(
      records.map(async (r) => {
        const [conversations, consents, referrals, wellbeing] = await Promise.all([
          conversationsOf(db(), r.id),
          consentsOf(db(), r.id),
          referralsOfRecord(db(), r.id),
          wellbeingOf(db(), r.id),
        ]);
        const targets = await targetSummaries(db(), ctx.place.id, referrals);
        return {
          record: r,
          linkWorker: names.get(r.holderId) ?? request.t('prescribing.someone'),
          conversation: conversations[0],
          consent: consents[0],
          referrals: referrals.map((x) => ({
            activity: targets.get(targetKey(x))?.name ?? '',
            organisation: targets.get(targetKey(x))?.organisationName ?? '',
            kindText: kindText(request.t, x.targetKind),
            statusText: request.t(`prescribing.status.${x.status}`),
            sentAt: x.sentAt,
          })),
          wellbeing: wellbeingView(request.t, wellbeing),
        };
      }),
    );
    return viewWith(reply, ctx, 'prescribing/my-support.njk', {
      pageTitle: request.t('prescribing.mine.title'),
      records: shown,
    });
  });

  app.get('/places/:place/social-prescribing/claim/:token', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'socialPrescribing.claim');
    const record = await recordForInvite(db(), (request.params as { token: string }).token);
    return viewWith(reply, ctx, 'prescribing/claim.njk', {
      pageTitle: request.t('prescribing.claim.title'),
      valid: !!record && record.placeId === ctx.place.id,
      preferredName: record?.preferredName ?? '',
    });
  });

  app.post('/places/:place/social-prescribing/claim/:token', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'socialPrescribing.claim');
    try {
      await claimRecord(kith, {
        token: (request.params as { token: string }).token,
        personId: me(request),
        placeId: ctx.place.id,
      });
    } catch (error) {
      if (ruleFieldErrors({ ...(error as object), field: 'form' })) {
        return viewWith(
          reply,
          ctx,
          'prescribing/claim.njk',
          { pageTitle: request.t('prescribing.claim.title'), valid: false },
          422,
        );
      }
      throw error;
    }
    return reply.seeOther(`/places/${ctx.place.slug}/my-support`, 'prescribing.claim.done');
  });
}
