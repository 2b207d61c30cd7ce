import path from 'node:path';
import type { KithModule } from '../../modules/module.js';
import { OutgoingEmail } from './mailer.js';
import { devMailRoutes } from './routes.js';
import { migrations } from './schema.js';
import { deleteDevMailFor, devMailFor } from './store.js';

export { queueEmail } from './mailer.js';
export { emailReader, type Reader } from './letter.js';

const en = {
  'mail.greeting': 'Hello {name},',
  'mail.dev.title': 'Development mailbox',
  'mail.dev.intro': 'In development, Kith keeps the emails it would send here instead of sending them. Newest first.',
  'mail.dev.empty': 'No emails yet.',
  'mail.dev.sent': 'Sent',
  'mail.dev.to': 'To',
  'mail.dev.subject': 'Subject',
  'mail.dev.links': 'Links in this email',
  'mail.dev.back': 'Back to the mailbox',
};
const cy: Record<keyof typeof en, string> = {
  'mail.greeting': 'Helo {name},',
  'mail.dev.title': 'Blwch post datblygu',
  'mail.dev.intro':
    'Wrth ddatblygu, mae Kith yn cadw’r negeseuon e-bost y byddai’n eu hanfon yma yn lle eu hanfon. Y diweddaraf yn gyntaf.',
  'mail.dev.empty': 'Dim negeseuon e-bost eto.',
  'mail.dev.sent': 'Anfonwyd',
  'mail.dev.to': 'At',
  'mail.dev.subject': 'Pwnc',
  'mail.dev.links': 'Dolenni yn yr e-bost hwn',
  'mail.dev.back': 'Yn ôl i’r blwch post',
};

export const mailModule: KithModule = {
  name: 'mail',
  migrations,
  messages: { en, cy },
  viewsDir: path.join(import.meta.dirname, 'views'),
  policy: {
    /** The development mailbox holds every reset link: an admin of any place may read it, nobody else. */
    'devMailbox.read': (actor) => actor.roles.some((r) => r.role === 'admin'),
  },
  routes: devMailRoutes,
  jobs: {
    // Logged by job and template, never by address: the log is not a record of who was written to.
    'mail/send': async (payload, { kith, jobId }) => {
      const email = OutgoingEmail.parse(payload);
      try {
        await kith.mailer.send(kith.db.kysely, email);
        kith.log.info({ event: 'email.sent', job: jobId, transport: kith.config.mail.transport }, 'email sent');
      } catch (error) {
        kith.log.warn({ event: 'email.failed', job: jobId, err: error }, 'email not sent');
        throw error;
      }
    },
  },
  personalData: {
    export: async (db, personId) => {
      const mails = await devMailFor(db, personId);
      return mails.length
        ? { developmentMailbox: mails.map((m) => ({ subject: m.subject, sentAt: m.created_at, body: m.text_body })) }
        : {};
    },
    erase: (trx, personId) => deleteDevMailFor(trx, personId),
  },
};
