/**
 * Referrals in: what a receiving group's organisers and coordinators see of the people
 * referred to them (only what each person agreed to share), and how they record
 * accepting, first contact and attendance.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { echoValues, parseInput, submitForm, type FieldErrors } from '../../../web/forms.js';
import { PageQuery, paginationFor } from '../../../web/pagination.js';
import { isOrganisationMember, organisationIdsOrganisedBy } from '../../directory/index.js';
import { sharedWithGroup } from '../consent.js';
import { changeReferralStatus } from '../referrals.js';
import { isStalled, type ReferralStatus } from '../referral-status.js';
import { StatusInput } from '../inputs.js';
import { conversationsOf, findConsent, findRecord, findReferral, referralsToOrganisations } from '../store.js';
import { targetKey, targetSummaries } from '../targets.js';
import { me, placeFor, viewWith, type PlaceContext } from './context.js';
import { kindText, referralView } from './present.js';

const PER_PAGE = 25;

export function groupRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  app.get('/places/:place/referrals-in', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'socialPrescribing.inbox');
    const parsed = parseInput(PageQuery, request.query);
    const page = parsed.ok ? parsed.value.page : 1;
    const organisations = await organisationIdsOrganisedBy(db(), ctx.place.id, me(request));
    const { rows, total } = await referralsToOrganisations(db(), ctx.place.id, organisations, {
      limit: PER_PAGE,
      offset: (page - 1) * PER_PAGE,
    });
    const targets = await targetSummaries(db(), ctx.place.id, rows);
    const now = new Date();
    // A group sees a first name only where the person agreed to share it.
    const referrals = await Promise.all(
      rows.map(async (r) => {
        const consent = await findConsent(db(), r.consentId);
        const record =
          consent && consent.shares.includes('first_name')
            ? await findRecord(db(), ctx.place.id, r.recordId)
            : undefined;
        return {
          id: r.id,
          who: record?.preferredName ?? request.t('prescribing.inbox.someone'),
          activity: targets.get(targetKey(r))?.name ?? '',
          kindText: kindText(request.t, r.targetKind),
          statusText: request.t(`prescribing.status.${r.status}`),
          sentAt: r.sentAt,
          stalled: isStalled({ status: r.status, lastChangeAt: r.lastChangeAt }, now),
        };
      }),
    );
    return viewWith(reply, ctx, 'prescribing/inbox.njk', {
      pageTitle: request.t('prescribing.inbox.title'),
      hasOrganisations: organisations.length > 0,
      referrals,
      total,
      pagination: paginationFor(request.t, {
        page,
        perPage: PER_PAGE,
        total,
        href: (p) => `/places/${ctx.place.slug}/referrals-in?page=${p}`,
      }),
    });
  });

  async function incoming(request: FastifyRequest, ctx: PlaceContext) {
    if (!request.actor.personId) kith.policy.authorize(request.actor, 'socialPrescribing.claim');
    const referral = await findReferral(db(), ctx.place.id, (request.params as { referral: string }).referral);
    if (!referral) throw new NotFoundError();
    const isMember = await isOrganisationMember(db(), ctx.place.id, referral.organisationId, me(request));
    kith.policy.authorize(request.actor, 'socialPrescribing.receive', { placeId: ctx.place.id, isMember });
    return referral;
  }

  async function showIncoming(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    referral: Awaited<ReturnType<typeof incoming>>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const [record, consentRow, conversations] = await Promise.all([
      findRecord(db(), ctx.place.id, referral.recordId),
      findConsent(db(), referral.consentId),
      conversationsOf(db(), referral.recordId),
    ]);
    const consent = consentRow ?? { shares: [] };
    // Only what the person agreed to share leaves the care team: the rest is never read into the page.
    const shared = record
      ? sharedWithGroup(
          {
            preferredName: record.preferredName,
            email: record.email,
            phone: record.phone,
            howToContact: record.howToContact,
            accessNeeds: record.accessNeeds,
            interests: conversations[0]?.interests ?? '',
            wouldLikeTo: conversations[0]?.wouldLikeTo ?? '',
          },
          consent,
        )
      : {};
    const view = await referralView(kith, request, ctx, referral);
    return viewWith(
      reply,
      ctx,
      'prescribing/referral.njk',
      {
        ...view,
        pageTitle: request.t('prescribing.referral.title', { activity: view.activity.name }),
        forGroup: true,
        // A request for a match: the scheme's coordinators add the person to its waiting list, from what is shared here.
        waitingListHref:
          referral.targetKind === 'scheme'
            ? `/places/${ctx.place.slug}/befriending/manage/${referral.organisationId}/schemes/${referral.targetId}/people/new/neighbour`
            : undefined,
        shared,
        sharesNothing: Object.keys(shared).length === 0,
        action: `/places/${ctx.place.slug}/referrals-in/${referral.id}`,
        values: errors ? echoValues(request.body) : {},
        errors,
        fieldIds: view.fieldIds,
      },
      status,
    );
  }

  app.get('/places/:place/referrals-in/:referral', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return showIncoming(request, reply, ctx, await incoming(request, ctx));
  });

  app.post('/places/:place/referrals-in/:referral', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const referral = await incoming(request, ctx);
    return submitForm(request, {
      schema: StatusInput,
      show: (form) => showIncoming(request, reply, ctx, referral, form.errors, form.status),
      run: (status) =>
        changeReferralStatus(kith, {
          placeId: ctx.place.id,
          placeSlug: ctx.place.slug,
          actorId: me(request),
          referralId: referral.id,
          to: status.to as ReferralStatus,
          reason: status.reason,
          detail: status.detail,
        }),
      done: () => reply.seeOther(`/places/${ctx.place.slug}/referrals-in/${referral.id}`, 'prescribing.status.saved'),
    });
  });
}
