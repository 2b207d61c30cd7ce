/**
 * The referral export and the message back to the GP and referrer, grouped as the PRSB
 * Social Prescribing Information Standard groups its minimum data: the person, needs
 * and concerns, support offered, outcomes; with the SNOMED CT codes recorded. Health
 * notes are never part of it: they leave Kith only in the person's own download.
 */
import type { Consent } from './consent.js';
import { SNOMED } from './referral-status.js';
import type {
  ConversationTable,
  ReferralEventTable,
  ReferralTable,
  SupportRecordTable,
  WellbeingTable,
} from './schema.js';
import { distanceTravelled } from './wellbeing-rules.js';

const SNOMED_SYSTEM = 'http://snomed.info/sct';

function coding(code: string | null) {
  if (!code) return undefined;
  const known = Object.values(SNOMED).find((s) => s.code === code);
  return { system: SNOMED_SYSTEM, code, display: known?.display ?? '' };
}

export interface PrsbInput {
  record: SupportRecordTable;
  linkWorker: string;
  place: string;
  consent: Consent | undefined;
  conversations: readonly ConversationTable[];
  referrals: ReadonlyArray<ReferralTable & { activity: string; organisation: string }>;
  events: readonly ReferralEventTable[];
  wellbeing: readonly WellbeingTable[];
  instrumentNames: ReadonlyMap<string, string>;
  generatedAt: string;
}

export function prsbDocument(input: PrsbInput) {
  const { record } = input;
  const ons4 = input.wellbeing.filter((w) => w.instrument === 'ons4');
  return {
    standard: 'PRSB Social Prescribing Information Standard: minimum data groups',
    generatedAt: input.generatedAt,
    place: input.place,
    person: {
      name: record.name,
      preferredName: record.preferred_name,
      contact: {
        email: record.email ?? undefined,
        phone: record.phone ?? undefined,
        howToContact: record.how_to_contact || undefined,
      },
      accessNeeds: record.access_needs || undefined,
      referredFrom: record.referred_from || undefined,
      linkWorker: input.linkWorker,
    },
    episode: { code: coding(record.episode_code), recordedAt: record.episode_code_at ?? undefined },
    consent: input.consent && {
      givenOn: input.consent.givenOn,
      decision: input.consent.decision,
      sharedWithReceivingGroups: input.consent.shares,
      messageBackToReferrer: input.consent.messageBack,
      wordingShown: input.consent.wording,
      language: input.consent.lang,
    },
    needsAndConcerns: {
      whatMattersConversations: input.conversations.map((c) => ({
        heldOn: c.held_on,
        strengths: c.strengths,
        interests: c.interests,
        skills: c.skills,
        wouldLikeTo: c.would_like_to,
        whatGetsInTheWay: c.gets_in_the_way,
      })),
    },
    supportOffered: input.referrals.map((r) => ({
      kind: r.target_kind,
      activity: r.activity,
      organisation: r.organisation,
      referredOn: r.sent_at,
      status: r.status,
      reason: r.reason ?? undefined,
      code: coding(r.snomed_code),
      codedAt: r.snomed_at ?? undefined,
      history: input.events
        .filter((e) => e.referral_id === r.id)
        .map((e) => ({ status: e.status, at: e.at, reason: e.reason ?? undefined, code: coding(e.snomed_code) })),
    })),
    outcomes: {
      wellbeing: input.wellbeing.map((w) => ({
        instrument:
          w.instrument === 'ons4'
            ? 'ONS4 personal wellbeing'
            : (input.instrumentNames.get(w.instrument) ?? w.instrument),
        timepoint: w.timepoint,
        answeredOn: w.answered_on,
        scores:
          w.instrument === 'ons4'
            ? { lifeSatisfaction: w.life, worthwhile: w.worthwhile, happiness: w.happy, anxiety: w.anxious }
            : { total: w.total },
      })),
      ons4DistanceTravelled: distanceTravelled(
        ons4.map((w) => ({
          timepoint: w.timepoint,
          answeredOn: w.answered_on,
          values: {
            life: w.life ?? undefined,
            worthwhile: w.worthwhile ?? undefined,
            happy: w.happy ?? undefined,
            anxious: w.anxious ?? undefined,
          },
        })),
      ),
    },
  };
}

export type PrsbDocument = ReturnType<typeof prsbDocument>;
