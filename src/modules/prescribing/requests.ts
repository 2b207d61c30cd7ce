/**
 * Requests for support that do not start with a link worker: a resident asking for
 * themselves, or a referrer from another service (probation, housing, a GP practice, a
 * school) sending someone. Each becomes the same record a link worker opens, with what
 * matters to the person, their consent and, when they chose a scheme, the request for a
 * match, and lands on the caseload of the link worker holding fewest records.
 */
import { RuleError } from '../../errors.js';
import type { Trx } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { todayInPlace } from '../../platform/dates.js';
import { emailReader } from '../../platform/mail/index.js';
import { submitted, type Submitted } from '../../platform/idempotency/index.js';
import type { Role } from '../../policy/index.js';
import type { Lang, Translate } from '../../web/i18n.js';
import { consentWording } from './consent.js';
import type { SelfReferralInput, ServiceReferralInput } from './inputs.js';
import { findPersonById, holdersOfRoles } from './people.js';
import { SNOMED } from './referral-status.js';
import { referWithin } from './referrals.js';
import type { RecordSource } from './schema.js';
import {
  insertConsent,
  insertConversation,
  insertRecord,
  recordsHeld,
  recordsOfPerson,
  referrerRolesOf,
  touchRecord,
} from './store.js';

/**
 * Who takes a new request on: of the people who may hold records here, the one holding
 * fewest, and of those the one who has held the role longest (the order given).
 */
export function chooseHolder(candidates: readonly string[], held: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  for (const id of candidates) if (best === undefined || (held.get(id) ?? 0) < (held.get(best) ?? 0)) best = id;
  return best;
}

/** The scheme chosen on the form, or none for "talk it through with a link worker". */
export function schemeChosen(support: string): string | null {
  return support.startsWith('scheme:') ? support.slice('scheme:'.length) : null;
}

/** The consent words as shown on the form, then the person's own, if they added any. */
export function wordsAgreed(
  t: Translate,
  source: Arrival['source'],
  shares: SelfReferralInput['shares'],
  ownWords: string,
): string {
  const wording = consentWording(
    t,
    { decision: 'agreed', shares, messageBack: false },
    { statementKey: statementKey(source), firstPerson: source === 'self' },
  );
  return ownWords ? `${wording}\n${t(`prescribing.request.ownWords.${source}`, { words: ownWords })}` : wording;
}

/** The statement above the consent choices, shown on the form and kept in the words agreed. */
export const statementKey = (source: Arrival['source']) => `prescribing.request.statement.${source}`;

interface Arrival {
  placeId: string;
  placeSlug: string;
  actorId: string;
  lang: Lang;
  source: Exclude<RecordSource, 'link_worker'>;
  person: {
    personId: string | null;
    name: string;
    preferredName: string;
    email: string | null;
    phone: string | null;
    howToContact: string;
    accessNeeds: string;
    referredFrom: string;
  };
  whatMatters: { wouldLikeTo: string; interests: string; getsInTheWay: string };
  givenOn: string;
  shares: SelfReferralInput['shares'];
  ownWords: string;
  support: string;
}

/** One transaction: the record, what matters, consent, any request for a match, the audit and the holder's email. */
async function arrive(kith: Kith, trx: Trx, a: Arrival): Promise<string> {
  const roles = (await referrerRolesOf(trx, a.placeId)) as Role[];
  const candidates = (await holdersOfRoles(trx, a.placeId, roles)).filter((id) => id !== a.person.personId);
  const holderId = chooseHolder(candidates, await recordsHeld(trx, a.placeId, candidates));
  if (!holderId) throw new RuleError('prescribing.request.nobody', {}, 'support');
  const recordId = await insertRecord(trx, {
    place_id: a.placeId,
    person_id: a.person.personId,
    name: a.person.name,
    preferred_name: a.person.preferredName,
    email: a.person.email,
    phone: a.person.phone,
    how_to_contact: a.person.howToContact,
    access_needs: a.person.accessNeeds,
    referred_from: a.person.referredFrom,
    source: a.source,
    referred_by_id: a.source === 'service' ? a.actorId : null,
    holder_id: holderId,
  });
  await insertConversation(trx, {
    place_id: a.placeId,
    record_id: recordId,
    held_on: a.givenOn,
    held_by: a.actorId,
    strengths: '',
    interests: a.whatMatters.interests,
    skills: '',
    would_like_to: a.whatMatters.wouldLikeTo,
    gets_in_the_way: a.whatMatters.getsInTheWay,
  });
  await insertConsent(trx, {
    place_id: a.placeId,
    record_id: recordId,
    given_on: a.givenOn,
    recorded_by: a.actorId,
    decision: 'agreed',
    shares: a.shares.join(','),
    message_back: 0,
    wording: wordsAgreed(kith.catalogue.translator(a.lang), a.source, a.shares, a.ownWords),
    lang: a.lang,
  });
  await touchRecord(trx, recordId, { episode_code: SNOMED.referred.code, episode_code_at: new Date().toISOString() });
  await recordAudit(trx, {
    placeId: a.placeId,
    actorId: a.actorId,
    action: a.source === 'self' ? 'supportRecord.selfReferred' : 'supportRecord.referredIn',
    subjectType: 'support_record',
    subjectId: recordId,
    detail: { holder: holderId },
  });
  const schemeId = schemeChosen(a.support);
  if (schemeId)
    await referWithin(kith, trx, {
      placeId: a.placeId,
      placeSlug: a.placeSlug,
      actorId: a.actorId,
      recordId,
      activityIds: [],
      schemeIds: [schemeId],
      note: '',
    }).catch((error: unknown) => {
      // The scheme closed or is unknown: say so beside the choice, not beside "activities".
      if (error instanceof RuleError) throw new RuleError(error.key, error.params, 'support');
      throw error;
    });
  const holder = await findPersonById(trx, holderId);
  if (holder?.email)
    await emailReader(
      kith,
      trx,
      { id: holder.id, email: holder.email, name: holder.name, language: holder.language },
      {
        placeId: a.placeId,
        subjectKey: 'prescribing.email.request.subject',
        paragraphs: [a.source === 'self' ? 'prescribing.email.request.self' : 'prescribing.email.request.service'],
        action: {
          key: 'prescribing.email.request.action',
          path: `/places/${a.placeSlug}/social-prescribing/people/${recordId}`,
        },
      },
    );
  return recordId;
}

/** A resident asks for support for themselves; refused if they already have a record here. */
export async function referMyself(
  kith: Kith,
  command: Submitted & { placeId: string; placeSlug: string; lang: Lang; input: SelfReferralInput },
): Promise<string> {
  return submitted(kith, command, 'prescribing/referMyself', async (trx) => {
    if ((await recordsOfPerson(trx, command.actorId, command.placeId)).length)
      throw new RuleError('prescribing.request.already', {}, 'wouldLikeTo');
    const me = await findPersonById(trx, command.actorId);
    if (!me) throw new RuleError('prescribing.request.nobody', {}, 'support');
    const i = command.input;
    return arrive(kith, trx, {
      ...command,
      source: 'self',
      person: {
        personId: me.id,
        name: me.name,
        preferredName: me.name.split(/\s+/)[0] ?? me.name,
        email: me.email,
        phone: i.phone,
        howToContact: i.howToContact,
        accessNeeds: i.accessNeeds,
        referredFrom: '',
      },
      whatMatters: i,
      givenOn: todayInPlace(),
      shares: i.shares,
      ownWords: i.ownWords,
      support: i.support,
    });
  });
}

/** A referrer from another service sends someone, with the consent the person gave them. */
export async function referFromService(
  kith: Kith,
  command: Submitted & { placeId: string; placeSlug: string; lang: Lang; input: ServiceReferralInput },
): Promise<string> {
  return submitted(kith, command, 'prescribing/referFromService', async (trx) => {
    const i = command.input;
    return arrive(kith, trx, {
      ...command,
      source: 'service',
      person: {
        personId: null,
        name: i.name,
        preferredName: i.preferredName,
        email: i.email,
        phone: i.phone,
        howToContact: i.howToContact,
        accessNeeds: i.accessNeeds,
        referredFrom: i.service,
      },
      whatMatters: i,
      givenOn: i.givenOn,
      shares: i.shares,
      ownWords: i.ownWords,
      support: i.support,
    });
  });
}
