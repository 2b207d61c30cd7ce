import path from 'node:path';
import { hasRole, isMember } from '../../policy/index.js';
import { daysOf, type KithModule, type ParticipantsQuery } from '../module.js';
import { attendeesBetween } from './figures-store.js';
import {
  arrivalsBySource,
  peopleReferred as peopleReferredIn,
  referralsByStatus as referralsByStatusIn,
} from './report-store.js';
import { demoPrescribing } from './demo.js';
import { messages } from './messages.js';
import { prescribingPolicy } from './policy.js';
import { followRequests, remindStalledReferrals } from './referrals.js';
import { adminRoutes } from './routes/admin.js';
import { groupRoutes } from './routes/groups.js';
import { personRoutes } from './routes/person.js';
import { recordRoutes } from './routes/records.js';
import { referringRoutes } from './routes/referring.js';
import { requestRoutes } from './routes/requests.js';
import { migrations } from './schema.js';
import { targetKey, targetSummaries } from './targets.js';
import type { Queryable } from '../../db/index.js';
import {
  type Conversation,
  type Referral,
  consentsOf,
  conversationsOf,
  deleteRecordsOfPerson,
  holdsUnsharedRecords,
  healthNotesOf,
  recordsOfPerson,
  referralsOfRecord,
  wellbeingOf,
} from './store.js';

// What reports (the outcomes module) may ask: aggregates only, never a row about a person.
export {
  attendedByMonth,
  peopleReferred,
  referralsByStatus,
  wellbeingSums,
  type ChangeSums,
  type MonthOfAnswers,
  type ReportScope,
  type WellbeingSums,
} from './report-store.js';
export { REFERRAL_STATUSES, type ReferralStatus } from './referral-status.js';
export { ONS4_ITEMS, ons4Band, type Ons4Item } from './wellbeing-rules.js';
export { barChart, lineChart, escapeXml, type Bar } from './charts.js';
export { instrumentsOf as wellbeingInstruments } from './store.js';
// Form helpers other capabilities' forms share: GOV.UK date inputs, limited text, scale answers.
export { pastDate, text as limitedText, withDate } from './inputs.js';
export { scaleAnswer } from './wellbeing-rules.js';

/**
 * Social prescribing (capability 6): a link worker's "what matters to you" conversations,
 * consented referrals to activities and their follow-up, wellbeing before and after,
 * and health notes only the person and their care team can read.
 */
export const prescribingModule: KithModule = {
  name: 'prescribing',
  migrations,
  messages,
  policy: prescribingPolicy,
  viewsDir: path.join(import.meta.dirname, 'views'),
  routes(app, kith) {
    recordRoutes(app, kith);
    referringRoutes(app, kith);
    groupRoutes(app, kith);
    personRoutes(app, kith);
    requestRoutes(app, kith);
    adminRoutes(app, kith);
  },
  placeLinks(request, place) {
    const { actor } = request;
    const links = [];
    if (hasRole(actor, place.id, 'link_worker')) {
      links.push({
        key: 'prescribing.links.caseload',
        hintKey: 'prescribing.links.caseload.hint',
        href: `/places/${place.slug}/social-prescribing`,
        order: 40,
      });
    }
    if (hasRole(actor, place.id, 'organiser', 'coordinator')) {
      links.push({
        key: 'prescribing.links.inbox',
        hintKey: 'prescribing.links.inbox.hint',
        href: `/places/${place.slug}/referrals-in`,
        order: 45,
      });
    }
    if (hasRole(actor, place.id, 'referrer')) {
      links.push({
        key: 'prescribing.links.sent',
        hintKey: 'prescribing.links.sent.hint',
        href: `/places/${place.slug}/referrals-sent`,
        order: 42,
      });
    }
    if (isMember(actor, place.id)) {
      links.push({
        key: 'prescribing.links.mine',
        hintKey: 'prescribing.links.mine.hint',
        href: `/places/${place.slug}/my-support`,
        order: 85,
      });
    }
    if (hasRole(actor, place.id, 'admin')) {
      links.push({
        key: 'prescribing.links.settings',
        hintKey: 'prescribing.links.settings.hint',
        href: `/places/${place.slug}/social-prescribing/settings`,
        order: 930,
      });
    }
    return links;
  },
  jobs: {
    'prescribing/stalled-referrals': async (_payload, { kith }) => {
      await remindStalledReferrals(kith);
    },
    'prescribing/follow-requests': async (_payload, { kith }) => {
      await followRequests(kith);
    },
  },
  schedules: [
    { kind: 'prescribing/stalled-referrals', everyMinutes: 24 * 60 },
    // Neighbours answer requests at any hour; the link worker should not wait a day to see it.
    { kind: 'prescribing/follow-requests', everyMinutes: 15 },
  ],
  personalData: {
    /** The person's own records, health notes included: the one export they appear in. */
    async export(db, personId) {
      const records = await recordsOfPerson(db, personId);
      if (!records.length) return {};
      return {
        supportRecords: await Promise.all(
          records.map(async (r) => ({
            name: r.name,
            preferredName: r.preferredName,
            email: r.email,
            phone: r.phone,
            howToContact: r.howToContact,
            accessNeeds: r.accessNeeds,
            referredFrom: r.referredFrom,
            episodeCode: r.episodeCode,
            conversations: (await conversationsOf(db, r.id)).map(conversationExported),
            consents: (await consentsOf(db, r.id)).map((c) => ({
              givenOn: c.givenOn,
              decision: c.decision,
              shares: c.shares.join(','),
              messageBack: c.messageBack,
              wording: c.wording,
              withdrawnAt: c.withdrawnAt,
            })),
            referrals: await referralsExported(db, r.placeId, await referralsOfRecord(db, r.id)),
            wellbeing: (await wellbeingOf(db, r.id)).map((w) => ({
              instrument: w.instrument,
              timepoint: w.timepoint,
              answeredOn: w.answeredOn,
              life: w.life,
              worthwhile: w.worthwhile,
              happy: w.happy,
              anxious: w.anxious,
              answers: w.answers,
              total: w.total,
            })),
            healthNotes: (await healthNotesOf(db, r.id)).map((n) => ({ writtenAt: n.createdAt, note: n.body })),
          })),
        ),
      };
    },
    /** Their own records go with them; a worker who leaves stops sharing others' records, hands the ones they held to a colleague, and is no longer named in any. */
    erase: (trx, personId) => deleteRecordsOfPerson(trx, personId),
    // A record nobody else shares would be left with no one to hold it.
    async blockers(db, personId) {
      return (await holdsUnsharedRecords(db, personId)) ? [{ key: 'prescribing.erase.holdsRecords' }] : [];
    },
  },
  figures: [
    {
      id: 'prescribing.referrals',
      labelKey: 'prescribing.figures.referrals',
      definitionKey: 'prescribing.figures.referrals.definition',
      unit: 'count',
      href: (slug) => `/places/${slug}/reports`,
      async value(db, placeId, period) {
        const byStatus = await referralsByStatusIn(db, { placeId, ...daysOf(period) });
        return [...byStatus.values()].reduce((sum, n) => sum + n, 0);
      },
    },
    {
      id: 'prescribing.peopleReferred',
      labelKey: 'prescribing.figures.peopleReferred',
      definitionKey: 'prescribing.figures.peopleReferred.definition',
      unit: 'people',
      href: (slug) => `/places/${slug}/reports`,
      value: (db, placeId, period) => peopleReferredIn(db, { placeId, ...daysOf(period) }),
    },
    {
      id: 'prescribing.selfReferrals',
      labelKey: 'prescribing.figures.selfReferrals',
      definitionKey: 'prescribing.figures.selfReferrals.definition',
      unit: 'people',
      href: (slug) => `/places/${slug}/reports`,
      async value(db, placeId, period) {
        return (await arrivalsBySource(db, { placeId, ...daysOf(period) })).get('self') ?? 0;
      },
    },
    {
      id: 'prescribing.serviceReferrals',
      labelKey: 'prescribing.figures.serviceReferrals',
      definitionKey: 'prescribing.figures.serviceReferrals.definition',
      unit: 'people',
      href: (slug) => `/places/${slug}/reports`,
      async value(db, placeId, period) {
        return (await arrivalsBySource(db, { placeId, ...daysOf(period) })).get('service') ?? 0;
      },
    },
  ],
  participants: (db, placeId, period) =>
    attendeesBetween(db, placeId, period.from, period.to) as unknown as ParticipantsQuery,
  demo: demoPrescribing,
};

/** A conversation in the person's own export, under the names their download has always used. */
const conversationExported = (conversation: Conversation) => ({
  id: conversation.id,
  place_id: conversation.placeId,
  record_id: conversation.recordId,
  held_on: conversation.heldOn,
  held_by: conversation.heldBy,
  strengths: conversation.strengths,
  interests: conversation.interests,
  skills: conversation.skills,
  would_like_to: conversation.wouldLikeTo,
  gets_in_the_way: conversation.getsInTheWay,
  created_at: conversation.createdAt,
});

/** A person's referrals in their own export: what each was to (an activity or a volunteering role), by name. */
async function referralsExported(db: Queryable, placeId: string, referrals: Referral[]) {
  const targets = await targetSummaries(db, placeId, referrals);
  return referrals.map((x) => ({
    to: x.targetKind,
    targetId: x.targetId,
    name: targets.get(targetKey(x))?.name ?? '',
    organisation: targets.get(targetKey(x))?.organisationName ?? '',
    status: x.status,
    sentAt: x.sentAt,
    reason: x.reason,
    snomedCode: x.snomedCode,
  }));
}
