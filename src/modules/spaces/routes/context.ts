/** What the spaces pages share: who runs a space, and a space or booking as a page shows it. */
import type { FastifyRequest } from 'fastify';
import type { Kith } from '../../../kith.js';
import { hasRole } from '../../../policy/index.js';
import { dateAndTime, formatDate, WEEKDAYS } from '../../../platform/dates.js';
import type { Translate } from '../../../web/i18n.js';
import { isOrganisationMember, organisationIdsOrganisedBy } from '../../directory/index.js';
import type { SpaceSubject } from '../policy.js';
import { ACCESSIBILITY, FACILITIES, LAYOUTS, pounds, TIERS, UNITS } from '../rules.js';
import type { Booking, Space } from '../store.js';
import type { Lister } from '../spaces.js';

export async function subjectOf(kith: Kith, request: FastifyRequest, space: Space): Promise<SpaceSubject> {
  const personId = request.actor.personId;
  return {
    placeId: space.placeId,
    listedBy: space.listedBy,
    inOrganisation:
      !!personId &&
      !!space.organisationId &&
      (await isOrganisationMember(kith.db.kysely, space.placeId, space.organisationId, personId)),
  };
}

export async function listerOf(kith: Kith, request: FastifyRequest, placeId: string): Promise<Lister> {
  const personId = request.actor.personId!;
  return {
    personId,
    organisationIds: await organisationIdsOrganisedBy(kith.db.kysely, placeId, personId),
    mayListForNone: hasRole(request.actor, placeId, 'partner', 'officer', 'admin'),
  };
}

export function presentSpace(t: Translate, space: Space, locationName: string) {
  return {
    ...space,
    locationName,
    layoutsText: space.layouts.map((l) => t(`spaces.layout.${l}`)).join(', '),
    accessibilityText: space.accessibility.map((a) => t(`spaces.accessibility.${a}`)).join(', '),
    facilitiesText: space.facilities.map((f) => t(`spaces.facility.${f}`)).join(', '),
    daysText: space.openDays.map((d) => t(`spaces.day.${d}`)).join(', '),
    depositText: pounds(space.depositPence),
    rateRows: TIERS.map((tier) => ({
      tier: t(`spaces.tier.${tier}`),
      cells: UNITS.map((unit) => {
        const pence = space.rates[tier][unit];
        return pence === null ? t('spaces.rates.notOffered') : pounds(pence);
      }),
    })),
  };
}

export function presentBooking(t: Translate, lang: string, booking: Booking, spaceName: string) {
  return {
    ...booking,
    spaceName,
    whenText: `${dateAndTime(booking.startsAt, lang)} – ${formatDate(booking.endsAt, lang, { timeStyle: 'short' })}`,
    statusText: t(`spaces.status.${booking.status}`),
    tierText: t(`spaces.tier.${booking.tier}`),
    priceText: pounds(booking.pricePence),
    depositText: pounds(booking.depositPence),
    holdText: booking.holdExpiresAt ? dateAndTime(booking.holdExpiresAt, lang) : '',
  };
}

const checked = (values: unknown, value: string) =>
  Array.isArray(values) ? values.map(String).includes(value) : values === value;

/** The boxes and choices of the space form, in the reader's language. */
export function spaceFormItems(t: Translate, values: Record<string, unknown>) {
  return {
    layouts: LAYOUTS.map((v) => ({ value: v, text: t(`spaces.layout.${v}`), checked: checked(values.layouts, v) })),
    accessibility: ACCESSIBILITY.map((v) => ({
      value: v,
      text: t(`spaces.accessibility.${v}`),
      checked: checked(values.accessibility, v),
    })),
    facilities: FACILITIES.map((v) => ({
      value: v,
      text: t(`spaces.facility.${v}`),
      checked: checked(values.facilities, v),
    })),
    openDays: WEEKDAYS.map((v) => ({ value: v, text: t(`spaces.day.${v}`), checked: checked(values.openDays, v) })),
    tiers: TIERS.map((tier) => ({
      tier,
      text: t(`spaces.tier.${tier}`),
      units: UNITS.map((unit) => ({ name: `rate_${tier}_${unit}`, text: t(`spaces.unit.${unit}`) })),
    })),
  };
}

/** A space's stored values as its form shows them. */
export function spaceValues(space: Space): Record<string, unknown> {
  const values: Record<string, unknown> = {
    name: space.name,
    description: space.description,
    locationId: space.locationId,
    organisationId: space.organisationId ?? '',
    capacity: String(space.capacity),
    layouts: space.layouts,
    accessibility: space.accessibility,
    facilities: space.facilities,
    openDays: space.openDays,
    opensAt: space.opensAt,
    closesAt: space.closesAt,
    deposit: space.depositPence ? (space.depositPence / 100).toFixed(2) : '',
    houseRules: space.houseRules,
    minNoticeHours: String(space.minNoticeHours),
    cancelNoticeHours: String(space.cancelNoticeHours),
    maxAheadDays: String(space.maxAheadDays),
    turnaroundMinutes: String(space.turnaroundMinutes),
    approval: space.approval,
    holdHours: String(space.holdHours),
    meanwhile: space.licenceFrom ? 'yes' : '',
    licenceFrom: space.licenceFrom ?? '',
    licenceUntil: space.licenceUntil ?? '',
  };
  for (const tier of TIERS)
    for (const unit of UNITS) {
      const pence = space.rates[tier][unit];
      values[`rate_${tier}_${unit}`] = pence === null ? '' : (pence / 100).toFixed(2);
    }
  return values;
}
