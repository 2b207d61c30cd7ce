/**
 * Emails about offers, requests and exchanges, in the recipient's language. They say
 * who and what, and link back to Kith; they never carry the other person's address,
 * so replies go through Kith.
 */
import type { Trx } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { queueEmail } from '../../platform/mail/mailer.js';
import { findPersonById } from './people.js';

export async function notify(
  kith: Kith,
  trx: Trx,
  input: { placeId: string; to: string; path: string; subjectKey: string; bodyKey: string; actionKey: string; params: Record<string, string> },
): Promise<void> {
  const person = await findPersonById(trx, input.to);
  if (!person) return;
  const t = kith.catalogue.translator(person.language);
  await queueEmail(
    trx,
    {
      to: person.email,
      personId: person.id,
      lang: person.language,
      subject: t(input.subjectKey, input.params),
      paragraphs: [t('exchanges.email.greeting', { name: person.name }), t(input.bodyKey, input.params), t('exchanges.email.noReply')],
      action: { text: t(input.actionKey), url: `${kith.config.publicUrl}${input.path}` },
    },
    input.placeId,
  );
}
