/**
 * Emails about offers, requests and exchanges, in the recipient's language. They say
 * who and what, and link back to Kith; they never carry the other person's address,
 * so replies go through Kith.
 */
import type { Trx } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { emailReader } from '../../platform/mail/index.js';
import { findPersonById } from './people.js';

export async function notify(
  kith: Kith,
  trx: Trx,
  input: {
    placeId: string;
    to: string;
    path: string;
    subjectKey: string;
    bodyKey: string;
    actionKey: string;
    params: Record<string, string>;
  },
): Promise<void> {
  const person = await findPersonById(trx, input.to);
  if (!person) return;
  await emailReader(kith, trx, person, {
    placeId: input.placeId,
    subjectKey: input.subjectKey,
    paragraphs: [input.bodyKey, 'exchanges.email.noReply'],
    params: input.params,
    action: { key: input.actionKey, path: input.path },
  });
}
