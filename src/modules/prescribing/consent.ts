/**
 * Consent as plain rules: the words a person is shown, what a receiving group may see
 * because of them, and whether a referral may be sent at all.
 */
import type { Translate } from '../../web/i18n.js';
import type { ConsentTable, ShareItem } from './schema.js';

export const SHARE_ITEMS: readonly ShareItem[] = ['first_name', 'contact', 'access_needs', 'interests'];

export function isShareItem(value: string): value is ShareItem {
  return (SHARE_ITEMS as readonly string[]).includes(value);
}

export interface Consent {
  id: string;
  givenOn: string;
  decision: 'agreed' | 'declined';
  shares: ShareItem[];
  messageBack: boolean;
  wording: string;
  lang: 'en' | 'cy';
  withdrawnAt: string | null;
  recordedBy: string;
}

export function toConsent(row: ConsentTable): Consent {
  return {
    id: row.id,
    givenOn: row.given_on,
    decision: row.decision,
    shares: row.shares.split(',').filter(isShareItem),
    messageBack: row.message_back === 1,
    wording: row.wording,
    lang: row.lang,
    withdrawnAt: row.withdrawn_at,
    recordedBy: row.recorded_by,
  };
}

/** A referral needs the person's agreement, given and not withdrawn. */
export function consentAllowsReferral(consent: Consent | undefined): consent is Consent {
  return !!consent && consent.decision === 'agreed' && consent.withdrawnAt === null;
}

/**
 * The exact words the person is shown and agrees to, in the language of the page: the
 * statement, then what is shared with whom, then the message back. Stored as shown.
 */
export function consentWording(
  t: Translate,
  choice: { decision: 'agreed' | 'declined'; shares: readonly ShareItem[]; messageBack: boolean },
  /**
   * A request for support (rather than a link worker's conversation) opens with its own
   * statement and has no one to send a message back to.
   */
  request?: { statementKey: string; firstPerson?: boolean },
): string {
  const lines = [t(request?.statementKey ?? 'prescribing.consent.statement')];
  if (choice.decision === 'declined') {
    lines.push(t('prescribing.consent.wording.declined'));
    return lines.join('\n');
  }
  // Someone asking for themselves agrees in their own voice, as the form put it to them.
  const own = request?.firstPerson;
  const shared = SHARE_ITEMS.filter((s) => choice.shares.includes(s)).map((s) =>
    t(own ? `prescribing.request.share.${s}` : `prescribing.consent.share.${s}`),
  );
  lines.push(
    shared.length
      ? t(own ? 'prescribing.request.wording.shares' : 'prescribing.consent.wording.shares', {
          items: shared.join('; '),
        })
      : t(own ? 'prescribing.request.wording.sharesNothing' : 'prescribing.consent.wording.sharesNothing'),
  );
  if (!request)
    lines.push(
      t(choice.messageBack ? 'prescribing.consent.wording.messageBack' : 'prescribing.consent.wording.noMessageBack'),
    );
  return lines.join('\n');
}

export interface RecordForGroup {
  preferredName: string;
  email: string | null;
  phone: string | null;
  howToContact: string;
  accessNeeds: string;
  interests: string;
  wouldLikeTo: string;
}

/**
 * What a receiving group sees of the person: only what the consent names. Nothing
 * else leaves the care team, whatever the page or export asks for.
 */
export function sharedWithGroup(record: RecordForGroup, consent: Pick<Consent, 'shares'>): Partial<RecordForGroup> {
  const seen: Partial<RecordForGroup> = {};
  if (consent.shares.includes('first_name')) seen.preferredName = record.preferredName;
  if (consent.shares.includes('contact')) {
    seen.email = record.email;
    seen.phone = record.phone;
    seen.howToContact = record.howToContact;
  }
  if (consent.shares.includes('access_needs')) seen.accessNeeds = record.accessNeeds;
  if (consent.shares.includes('interests')) {
    seen.interests = record.interests;
    seen.wouldLikeTo = record.wouldLikeTo;
  }
  return seen;
}

/** Words from the conversation to search the directory with: each interest, then what they would like to do. */
export function searchSuggestions(conversation: { interests: string; wouldLikeTo: string } | undefined): string[] {
  if (!conversation) return [];
  const pieces = `${conversation.interests}\n${conversation.wouldLikeTo}`
    .split(/[\n,;]+|\band\b/i)
    .map((p) => p.trim().replace(/\s+/g, ' '))
    .filter((p) => p.length >= 3 && p.length <= 40);
  return [...new Set(pieces.map((p) => p.toLowerCase()))].slice(0, 6);
}
