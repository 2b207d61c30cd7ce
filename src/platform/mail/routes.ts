import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { findDevMail, listDevMail } from './store.js';

/**
 * The development mailbox: every email Kith would have sent, readable in the browser.
 * Only registered while mail goes to it (never in production), and only an admin may
 * read it: it holds every password reset and confirmation link.
 */
export function devMailRoutes(app: FastifyInstance, kith: Kith) {
  if (kith.config.mail.transport !== 'dev' || kith.config.env === 'production') return;

  app.get('/dev/mail', async (request, reply) => {
    kith.policy.authorize(request.actor, 'devMailbox.read');
    const mails = await listDevMail(kith.db.kysely);
    return reply.view('mail/list.njk', { pageTitle: request.t('mail.dev.title'), mails });
  });

  app.get('/dev/mail/:id', async (request, reply) => {
    kith.policy.authorize(request.actor, 'devMailbox.read');
    const mail = await findDevMail(kith.db.kysely, (request.params as { id: string }).id);
    if (!mail) throw new NotFoundError();
    return reply.view('mail/show.njk', {
      pageTitle: mail.subject,
      mail,
      links: [...mail.text_body.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]),
    });
  });
}
