/** A referral as its pages show it, to the care team and to the receiving group alike. */
import type { FastifyRequest } from 'fastify';
import type { Kith } from '../../../kith.js';
import { namesOf } from '../people.js';
import { DECLINE_REASONS, NOT_ATTENDED_REASONS, nextSteps, SNOMED, STILL_GOING_DAYS } from '../referral-status.js';
import { eventsOf, type Referral } from '../store.js';
import { targetKey, targetSummaries } from '../targets.js';
import type { PlaceContext } from './context.js';
import type { Translate } from '../../../web/i18n.js';
import type { TargetKind } from '../schema.js';

/** What a referral is to, said beside its name: nothing for an activity, the usual case. */
export const kindText = (t: Translate, kind: TargetKind) =>
  kind === 'activity' ? '' : t(`prescribing.referral.kind.${kind}`);

const GONE: Record<TargetKind, string> = {
  activity: 'prescribing.referral.activityGone',
  role: 'prescribing.referral.roleGone',
  scheme: 'prescribing.referral.schemeGone',
  request: 'prescribing.referral.requestGone',
};

const displayOf = (code: string | null) =>
  code ? `${code} ${Object.values(SNOMED).find((s) => s.code === code)?.display ?? ''}` : '';

export async function referralView(kith: Kith, request: FastifyRequest, ctx: PlaceContext, referral: Referral) {
  const db = kith.db.kysely;
  const t = request.t;
  const [targets, events] = await Promise.all([
    targetSummaries(db, ctx.place.id, [referral]),
    eventsOf(db, [referral.id]),
  ]);
  const names = await namesOf(db, [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))]);
  const activity = targets.get(targetKey(referral)) ?? {
    kind: referral.targetKind,
    id: referral.targetId,
    name: t(GONE[referral.targetKind]),
    organisationName: '',
    available: false,
    organisationId: referral.organisationId,
  };
  const body = (request.body ?? {}) as { to?: string; reason?: string };
  const reasonItems = (reasons: readonly string[], group: string) =>
    reasons.map((r) => ({ value: r, text: t(`prescribing.reason.${group}.${r}`), checked: body.reason === r }));
  const steps = nextSteps(referral.status).map((to) => ({
    value: to,
    text: t(`prescribing.step.${to}`),
    hint:
      to === 'still_going' ? { text: t('prescribing.step.stillGoing.hint', { days: STILL_GOING_DAYS }) } : undefined,
    checked: body.to === to,
    reasons:
      to === 'declined'
        ? reasonItems(DECLINE_REASONS, 'declined')
        : to === 'did_not_attend'
          ? reasonItems(NOT_ATTENDED_REASONS, 'notAttended')
          : undefined,
  }));
  return {
    referral,
    activity,
    kindText: kindText(t, activity.kind),
    statusText: t(`prescribing.status.${referral.status}`),
    reasonText: referral.reason
      ? t(`prescribing.reason.${referral.status === 'declined' ? 'declined' : 'notAttended'}.${referral.reason}`)
      : '',
    code: displayOf(referral.snomedCode),
    events: events.map((e) => ({
      at: e.at,
      statusText: t(`prescribing.status.${e.status}`),
      who: e.actorId ? (names.get(e.actorId) ?? t('prescribing.someone')) : t('prescribing.kith'),
      reason: e.reason
        ? t(`prescribing.reason.${e.status === 'declined' ? 'declined' : 'notAttended'}.${e.reason}`)
        : '',
      detail: e.detail ?? '',
      code: displayOf(e.snomedCode),
    })),
    steps,
    fieldIds: { to: 'to', reason: body.to === 'did_not_attend' ? 'reason-notAttended' : 'reason-declined' },
  };
}
