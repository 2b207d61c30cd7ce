/**
 * The referral export and the message back to the GP and referrer, grouped as the PRSB
 * Social Prescribing Information Standard groups its minimum data: the person, needs
 * and concerns, support offered, outcomes; with the SNOMED CT codes recorded. Health
 * notes are never part of it: they leave Kith only in the person's own download.
 */
import type { Consent } from './consent.js';
import { SNOMED } from './referral-status.js';
import type { Conversation, Referral, ReferralEvent, SupportRecord, Wellbeing } from './store.js';
import { distanceTravelled } from './wellbeing-rules.js';

const SNOMED_SYSTEM = 'http://snomed.info/sct';

function coding(code: string | null) {
  if (!code) return undefined;
  const known = Object.values(SNOMED).find((s) => s.code === code);
  return { system: SNOMED_SYSTEM, code, display: known?.display ?? '' };
}

export interface PrsbInput {
  record: SupportRecord;
  linkWorker: string;
  place: string;
  consent: Consent | undefined;
  conversations: readonly Conversation[];
  referrals: ReadonlyArray<Referral & { activity: string; organisation: string }>;
  events: readonly ReferralEvent[];
  wellbeing: readonly Wellbeing[];
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
      preferredName: record.preferredName,
      contact: {
        email: record.email ?? undefined,
        phone: record.phone ?? undefined,
        howToContact: record.howToContact || undefined,
      },
      accessNeeds: record.accessNeeds || undefined,
      referredFrom: record.referredFrom || undefined,
      linkWorker: input.linkWorker,
    },
    episode: { code: coding(record.episodeCode), recordedAt: record.episodeCodeAt ?? undefined },
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
        heldOn: c.heldOn,
        strengths: c.strengths,
        interests: c.interests,
        skills: c.skills,
        wouldLikeTo: c.wouldLikeTo,
        whatGetsInTheWay: c.getsInTheWay,
      })),
    },
    supportOffered: input.referrals.map((r) => ({
      kind: r.targetKind,
      activity: r.activity,
      organisation: r.organisation,
      referredOn: r.sentAt,
      status: r.status,
      reason: r.reason ?? undefined,
      code: coding(r.snomedCode),
      codedAt: r.snomedAt ?? undefined,
      history: input.events
        .filter((e) => e.referralId === r.id)
        .map((e) => ({ status: e.status, at: e.at, reason: e.reason ?? undefined, code: coding(e.snomedCode) })),
    })),
    outcomes: {
      wellbeing: input.wellbeing.map((w) => ({
        instrument:
          w.instrument === 'ons4'
            ? 'ONS4 personal wellbeing'
            : (input.instrumentNames.get(w.instrument) ?? w.instrument),
        timepoint: w.timepoint,
        answeredOn: w.answeredOn,
        scores:
          w.instrument === 'ons4'
            ? { lifeSatisfaction: w.life, worthwhile: w.worthwhile, happiness: w.happy, anxiety: w.anxious }
            : { total: w.total },
      })),
      ons4DistanceTravelled: distanceTravelled(
        ons4.map((w) => ({
          timepoint: w.timepoint,
          answeredOn: w.answeredOn,
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
