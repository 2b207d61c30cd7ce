import { queueEmail } from '../../platform/mail/mailer.js';
import { everyone, type ActorName, type ModuleCases, type Outcome } from '../../authorisation/cases.js';

/** An admin of any place (the mailbox is the whole deployment's). */
const anyAdmin = (actor: ActorName): Outcome =>
  actor === 'anonymous' ? 'sign-in' : actor === 'admin' || actor === 'otherPlaceAdmin' ? 'ok' : 'forbidden';

export const siteCases: ModuleCases = {
  module: 'site',
  async cases({ t }) {
    await queueEmail(t.kith.db.kysely, { to: 'someone@test.example', subject: 'A test email', paragraphs: ['Hello'] });
    await t.worker.runDue();
    const mail = await t.kith.db.kysely.selectFrom('dev_mail').select('id').executeTakeFirstOrThrow();
    return [
      { route: 'GET /', request: (a) => a.get('/'), expect: everyone },
      { route: 'GET /places/:place', request: (a) => a.get('/places/calderbrook'), expect: everyone },
      { route: 'GET /accessibility', request: (a) => a.get('/accessibility'), expect: everyone },
      { route: 'GET /privacy', request: (a) => a.get('/privacy'), expect: everyone },
      { route: 'GET /healthz', request: (a) => a.get('/healthz'), expect: everyone },
      { route: 'GET /api/ping', request: (a) => a.get('/api/ping'), expect: everyone },
      { route: 'GET /api/openapi.json', request: (a) => a.get('/api/openapi.json'), expect: everyone },
      { route: 'GET /api/docs', request: (a) => a.get('/api/docs'), expect: everyone },
      { route: 'GET /api/v1/places', request: (a) => a.get('/api/v1/places'), expect: everyone },
      // The development mailbox exists only while mail goes to it, for an admin (it holds every reset link).
      { route: 'GET /dev/mail', request: (a) => a.get('/dev/mail'), expect: anyAdmin },
      { route: 'GET /dev/mail/:id', request: (a) => a.get(`/dev/mail/${mail.id}`), expect: anyAdmin },
      { route: 'GET /assets/:file', request: (a) => a.get('/assets/none.css'), expect: everyone },
    ];
  },
};
