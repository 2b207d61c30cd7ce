/** Volunteering's emails: from the catalogue, in the reader's language, with shift times in London time. */
import type { Kith } from '../../kith.js';
import type { Trx } from '../../db/index.js';
import { emailReader } from '../../platform/mail/index.js';
import { findPersonById } from '../people/index.js';
import { placeParts } from '../../platform/dates.js';

/** "Saturday 5 December 2026, 10:00" in London time (English; emails add the rest in the reader's language). */
export function whenText(iso: string, lang: 'en' | 'cy' = 'en'): string {
  const date = new Date(iso);
  const day = new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', {
    timeZone: 'Europe/London',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
  return `${day}, ${placeParts(iso).time}`;
}

/** An email from the catalogue's volunteering.email.<kind>.subject and .body, in the recipient's language. */
export async function email(
  kith: Kith,
  trx: Trx,
  placeId: string,
  personId: string,
  kind: string,
  params: Record<string, string>,
  path: string,
) {
  const person = await findPersonById(trx, personId);
  if (!person) return;
  await emailReader(kith, trx, person, {
    placeId,
    subjectKey: `volunteering.email.${kind}.subject`,
    paragraphs: [`volunteering.email.${kind}.body`],
    params,
    action: { key: 'volunteering.email.action', path },
  });
}
