import type { Queryable } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import type { Lang } from '../../web/i18n.js';
import { queueEmail } from './mailer.js';

/** Someone an email goes to: an account holder, or a person known only by name and address. */
export interface Reader {
  id?: string | null;
  email: string;
  name: string;
  language: Lang;
}

/**
 * Queues one email written from the catalogue in the reader's own language: a greeting
 * by name, the paragraphs (message keys, or text already written, such as a
 * coordinator's own words), and a link back into Kith. Every module's emails to people
 * go through here, so they read alike and none is sent in the wrong language.
 */
export async function emailReader(
  kith: Kith,
  db: Queryable,
  reader: Reader,
  letter: {
    placeId: string | null;
    subjectKey: string;
    paragraphs: ReadonlyArray<string | { text: string }>;
    params?: Record<string, string | number>;
    action?: { key: string; path: string };
  },
): Promise<void> {
  const t = kith.catalogue.translator(reader.language);
  const params = letter.params ?? {};
  await queueEmail(
    db,
    {
      to: reader.email,
      personId: reader.id ?? null,
      lang: reader.language,
      subject: t(letter.subjectKey, params),
      paragraphs: [
        t('mail.greeting', { name: reader.name }),
        ...letter.paragraphs.map((p) => (typeof p === 'string' ? t(p, params) : p.text)),
      ],
      action: letter.action && { text: t(letter.action.key), url: `${kith.config.publicUrl}${letter.action.path}` },
    },
    letter.placeId,
  );
}
