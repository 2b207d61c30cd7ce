/**
 * What befriending's pages share: the place or organisation a request is about (with
 * the policy asked), the form lists, and how schemes and matches read.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import type { Translate } from '../../../web/i18n.js';
import { isOrganisationMember, organisationSummariesByIds, type OrganisationSummary } from '../../directory/index.js';
import { placeContext, type PlaceContext } from '../../../web/place.js';
import { parseRequirements } from '../../volunteering/index.js';
import { DAYS, EXPERIENCES, INTERESTS, LANGUAGES, PARTS, WAYS } from '../matching.js';
import { dayText, daysSince } from '../present.js';
import { GENDERS, PREFERENCES, TRAVEL_MILES } from '../inputs.js';
import type { Side } from '../schema.js';
import type { Match, Profile, Scheme } from '../store.js';

export const SIDES: readonly Side[] = ['neighbour', 'volunteer'];
export const param = (request: FastifyRequest, name: string) => (request.params as Record<string, string>)[name]!;
export const me = (request: FastifyRequest) => request.actor.personId!;

export type { PlaceContext };
export interface OrganisationContext extends PlaceContext {
  organisation: OrganisationSummary;
  manage: string;
}

export function items(t: Translate, list: readonly string[], prefix: string, chosen: unknown) {
  const selected = Array.isArray(chosen) ? chosen.map(String) : typeof chosen === 'string' ? [chosen] : [];
  return list.map((v) => ({ value: v, text: t(`${prefix}${v}`), checked: selected.includes(v) }));
}

/** The words a scheme uses for its two sides: "befriender" and "neighbour", or "peer supporter" and "person looking for support". */
export const sideText = (t: Translate, scheme: Scheme, side: Side) => t(`befriending.side.${scheme.kind}.${side}`);

export function placeFor(kith: Kith, request: FastifyRequest, action: string): Promise<PlaceContext> {
  return placeContext(kith, request, { section: 'befriending', action });
}

/** The place and one of its organisations, for someone allowed to run its befriending. */
export async function organisationFor(kith: Kith, request: FastifyRequest): Promise<OrganisationContext> {
  const ctx = await placeFor(kith, request, 'matching.browse');
  const id = param(request, 'organisation');
  const organisation = (await organisationSummariesByIds(kith.db.kysely, ctx.place.id, [id])).get(id);
  if (!organisation) {
    // Unknown or someone else's: the same answer as a real one the person may not run.
    kith.policy.authorize(request.actor, 'matching.coordinate', { placeId: ctx.place.id, isMember: false });
    throw new NotFoundError();
  }
  const isMember = await isOrganisationMember(kith.db.kysely, ctx.place.id, id, request.actor.personId);
  kith.policy.authorize(request.actor, 'matching.coordinate', { placeId: ctx.place.id, isMember });
  return { ...ctx, organisation, manage: `${ctx.base}/manage/${id}` };
}

export function view(
  reply: FastifyReply,
  ctx: PlaceContext,
  template: string,
  data: Record<string, unknown>,
  status = 200,
) {
  const organisation =
    'manage' in ctx
      ? { organisation: (ctx as OrganisationContext).organisation, manage: (ctx as OrganisationContext).manage }
      : {};
  return reply.view(
    template,
    { headerPlace: ctx.name, place: ctx.place, base: ctx.base, ...organisation, ...data },
    status,
  );
}

export const presentScheme = (t: Translate, s: Scheme, organisationName: string) => ({
  ...s,
  organisationName,
  kindText: t(`befriending.kind.${s.kind}`),
  requirementsText: parseRequirements(s.requirements)
    .map((r) => t(`volunteering.check.${r}`))
    .join(', '),
  neighbourText: sideText(t, s, 'neighbour'),
  volunteerText: sideText(t, s, 'volunteer'),
});

export const sideOf = (request: FastifyRequest): Side => {
  const side = param(request, 'side');
  if (side !== 'volunteer' && side !== 'neighbour') throw new NotFoundError();
  return side;
};

/** What the profile form needs, for someone joining, changing their own, or a coordinator filling it in. */
export function profileForm(request: FastifyRequest, scheme: Scheme, values: Record<string, unknown>) {
  const t = request.t;
  const chosen = new Set(
    Array.isArray(values.availability)
      ? values.availability.map(String)
      : typeof values.availability === 'string'
        ? [values.availability]
        : [],
  );
  return {
    scheme: presentScheme(t, scheme, ''),
    peerSupport: scheme.kind === 'peer_support',
    interestItems: items(t, INTERESTS, 'befriending.interest.', values.interests),
    languageItems: items(t, LANGUAGES, 'befriending.language.', values.languages),
    wayItems: items(t, WAYS, 'befriending.way.', values.ways),
    experienceItems: items(t, EXPERIENCES, 'befriending.experience.', values.experiences),
    genderItems: items(t, GENDERS, 'befriending.gender.', values.gender ?? 'unsaid'),
    prefersItems: items(t, PREFERENCES, 'befriending.prefers.', values.prefers ?? 'any'),
    travelItems: TRAVEL_MILES.map((m) => ({
      value: String(m),
      text: m === 0 ? t('befriending.travelNone') : t('befriending.travelMiles', { miles: String(m) }),
      selected: String(values.travelMiles ?? '2') === String(m),
    })),
    grid: DAYS.map((d) => ({
      day: d,
      dayText: t(`befriending.day.${d}`),
      dayShort: t(`befriending.dayShort.${d}`),
      cells: PARTS.map((p) => ({
        value: `${d}_${p}`,
        label: t('befriending.slot', { day: t(`befriending.day.${d}`), part: t(`befriending.slotPart.${p}`) }),
        checked: chosen.has(`${d}_${p}`),
      })),
    })),
    partTexts: PARTS.map((p) => t(`befriending.part.${p}`)),
    values,
    fieldIds: {
      interests: 'interests',
      languages: 'languages',
      ways: 'ways',
      experiences: 'experiences',
      availability: 'availability-MO_morning',
      gender: 'gender',
      prefers: 'prefers',
      travelMiles: 'travelMiles',
    },
  };
}

export function presentMatchLine(t: Translate, lang: string, scheme: Scheme, m: Match, people: Map<string, Profile>) {
  const since = m.lastCheckinOn ?? (m.startedAt ?? m.introducedAt).slice(0, 10);
  const due = m.status !== 'ended' && daysSince(since) >= scheme.checkinDays;
  return {
    ...m,
    volunteerName: people.get(m.volunteerProfileId)?.name ?? t('befriending.someoneWhoLeft'),
    neighbourName: people.get(m.neighbourProfileId)?.name ?? t('befriending.someoneWhoLeft'),
    statusText: t(`befriending.matchStatus.${m.status}`),
    lastCheckinText: m.lastCheckinOn
      ? t('befriending.lastCheckin', { date: dayText(m.lastCheckinOn, lang) })
      : t('befriending.noCheckin'),
    lastCheckinDate: m.lastCheckinOn ? dayText(m.lastCheckinOn, lang) : t('befriending.noCheckin'),
    due,
    endReasonText: m.endReason ? t(`befriending.endReason.${m.endReason}`) : '',
  };
}
