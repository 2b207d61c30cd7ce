import type { FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import type { Translate } from '../../../web/i18n.js';
import { isOrganisationMember, organisationSummariesByIds, type OrganisationSummary } from '../../directory/index.js';
import { placeContext, viewInPlace, type PlaceContext } from '../../../web/place.js';
import { parseRequirements, type HoldReason } from '../requirements.js';
import { INTERESTS, listOf } from '../inputs.js';
import type { Opportunity, Shift } from '../store.js';
import { daysOf, timesOf } from '../times.js';
import { whenText } from '../emails.js';
import { placeParts } from '../../../platform/dates.js';

export type { PlaceContext };

export function placeFor(kith: Kith, request: FastifyRequest, action = 'volunteers.takePart'): Promise<PlaceContext> {
  return placeContext(kith, request, { section: 'volunteering', action });
}

export interface OrganisationContext extends PlaceContext {
  organisation: OrganisationSummary;
  manage: string;
}

/** The place and one of its organisations, for someone allowed to run its volunteering. */
export async function organisationFor(kith: Kith, request: FastifyRequest): Promise<OrganisationContext> {
  const ctx = await placeFor(kith, request, 'volunteers.browse');
  const id = (request.params as { organisation: string }).organisation;
  const organisation = (await organisationSummariesByIds(kith.db.kysely, ctx.place.id, [id])).get(id);
  if (!organisation) {
    // Unknown or someone else's: the same answer as a real one the person may not run.
    kith.policy.authorize(request.actor, 'volunteers.coordinate', { placeId: ctx.place.id, isMember: false });
    throw new NotFoundError();
  }
  const isMember = await isOrganisationMember(kith.db.kysely, ctx.place.id, id, request.actor.personId);
  kith.policy.authorize(request.actor, 'volunteers.coordinate', { placeId: ctx.place.id, isMember });
  return { ...ctx, organisation, manage: `${ctx.base}/manage/${id}` };
}

export const me = (request: FastifyRequest) => request.actor.personId!;

export const viewWith = viewInPlace;

export function presentOpportunity(t: Translate, o: Opportunity, organisationName: string) {
  const requirements = parseRequirements(o.requirements);
  return {
    ...o,
    organisationName,
    interestsText: listOf(INTERESTS, o.interests)
      .map((i) => t(`volunteering.interest.${i}`))
      .join(', '),
    commitmentText: t(`volunteering.commitment.${o.commitment}`),
    participationText: t(`volunteering.participation.${o.participation}`),
    whereText: [o.postcode, o.remote ? t('volunteering.remote') : ''].filter(Boolean).join(', '),
    whenText: [
      daysOf(o.days)
        .map((d) => t(`volunteering.day.${d}`))
        .join(', '),
      timesOf(o.times)
        .map((p) => t(`volunteering.time.${p}`))
        .join(', '),
    ]
      .filter(Boolean)
      .join('; '),
    requirementsText: [
      ...requirements.map((r) => t(`volunteering.check.${r}`)),
      ...(o.minimumAge !== null ? [t('volunteering.minimumAgeText', { age: String(o.minimumAge) })] : []),
    ].join(', '),
    statusText: t(`volunteering.status.${o.status}`),
  };
}

export function presentShift(t: Translate, lang: 'en' | 'cy', s: Shift, held: number) {
  return {
    ...s,
    whenText: `${whenText(s.startsAt, lang)}–${placeParts(s.endsAt).time}`,
    held,
    free: s.cancelledAt ? 0 : Math.max(0, s.places - held),
    placesText: s.cancelledAt
      ? t('volunteering.shift.cancelled')
      : t('volunteering.shift.places', { held: String(held), places: String(s.places) }),
  };
}

export function holdText(t: Translate, reasons: readonly HoldReason[]): string {
  return reasons
    .map((r) =>
      r.kind === 'consent'
        ? t('volunteering.hold.consent')
        : t(`volunteering.hold.${r.state}`, { check: t(`volunteering.check.${r.kind}`) }),
    )
    .join('; ');
}

export function items(t: Translate, list: readonly string[], prefix: string, chosen: unknown) {
  const selected = Array.isArray(chosen) ? chosen.map(String) : typeof chosen === 'string' ? [chosen] : [];
  return list.map((v) => ({
    value: v,
    text: t(`${prefix}${v}`),
    checked: selected.includes(v),
    selected: selected.includes(v),
  }));
}

/** Days since an instant, whole. */
export const daysSince = (iso: string, now = Date.now()) => Math.floor((now - Date.parse(iso)) / 86_400_000);
