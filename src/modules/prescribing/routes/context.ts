import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, SignInRequiredError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import type { Role } from '../../../policy/index.js';
import { placeContext, type PlaceContext as PlaceInAddress } from '../../../web/place.js';
import { auditRecordView, loadRecord, type LoadedRecord } from '../records.js';
import { referrerRolesOf } from '../store.js';

export interface PlaceContext extends PlaceInAddress {
  referrerRoles: Role[];
}

/** The place in the URL, and (when an action is given) the policy's answer for it. */
export async function placeFor(
  kith: Kith,
  request: FastifyRequest,
  action?:
    | 'socialPrescribing.refer'
    | 'socialPrescribing.settings'
    | 'socialPrescribing.inbox'
    | 'socialPrescribing.ownSupport'
    | 'socialPrescribing.referIn'
    | 'socialPrescribing.claim',
): Promise<PlaceContext> {
  const ctx = await placeContext(kith, request, { section: 'social-prescribing' });
  const referrerRoles = (await referrerRolesOf(kith.db.kysely, ctx.place.id)) as Role[];
  if (action) kith.policy.authorize(request.actor, action, { id: ctx.place.id, referrerRoles });
  return { ...ctx, referrerRoles };
}

/** A record of this place that the person asking may see for `action` (its care team by default). */
export async function recordFor(
  kith: Kith,
  request: FastifyRequest,
  ctx: PlaceContext,
  action: 'socialPrescribing.careTeam' | 'socialPrescribing.healthNotes' = 'socialPrescribing.careTeam',
): Promise<LoadedRecord> {
  if (!request.actor.personId) throw new SignInRequiredError();
  const record = await loadRecord(kith.db.kysely, ctx.place.id, (request.params as { record: string }).record);
  if (!record) throw new NotFoundError();
  kith.policy.authorize(request.actor, action, record.subject);
  return record;
}

/** The same, for a page that shows the record's special-category data: the view is audited. */
export async function viewedRecordFor(
  kith: Kith,
  request: FastifyRequest,
  ctx: PlaceContext,
  page: 'record' | 'conversation' | 'consent' | 'wellbeing' | 'message-back',
): Promise<LoadedRecord> {
  const record = await recordFor(kith, request, ctx);
  await auditRecordView(kith, {
    placeId: ctx.place.id,
    actorId: request.actor.personId,
    recordId: record.id,
    page,
  });
  return record;
}

export const me = (request: FastifyRequest) => request.actor.personId!;

export function viewWith(
  reply: FastifyReply,
  ctx: PlaceContext,
  template: string,
  data: Record<string, unknown>,
  status = 200,
) {
  return reply.view(template, { headerPlace: ctx.name, place: ctx.place, base: ctx.base, ...data }, status);
}

/** Today in the place, as YYYY-MM-DD parts for GOV.UK's date input. */
export function todayParts(now = new Date()) {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now).split('-');
  return { day: String(Number(day)), month: String(Number(month)), year: year! };
}

/** The three boxes of a date input, from what was sent, or today. */
export function dateValues(body: unknown, name: string) {
  const b = (body as Record<string, unknown>) ?? {};
  if (b[`${name}-day`] === undefined) return todayParts();
  return {
    day: String(b[`${name}-day`] ?? ''),
    month: String(b[`${name}-month`] ?? ''),
    year: String(b[`${name}-year`] ?? ''),
  };
}
