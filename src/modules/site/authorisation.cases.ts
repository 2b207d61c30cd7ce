import { everyone, type ActorName, type ModuleCases, type Outcome } from '../../authorisation/cases.js';
import { keepDevMail, listDevMail } from '../../platform/mail/store.js';

/** An admin of any place (the mailbox is the whole deployment's). */
const anyAdmin = (actor: ActorName): Outcome =>
  actor === 'anonymous' ? 'sign-in' : actor === 'admin' || actor === 'otherPlaceAdmin' ? 'ok' : 'forbidden';

export const siteCases: ModuleCases = {
  module: 'site',
  async cases({ t }) {
    await keepDevMail(t.kith.db.kysely, {
      person_id: null,
      to_address: 'someone@test.example',
      subject: 'A letter for the authorisation table',
      text_body: 'Hello',
      html_body: '<p>Hello</p>',
    });
    const [mail] = await listDevMail(t.kith.db.kysely, 1);
    // Stylesheets and scripts are served under names with their hash in them: take one from a page.
    const home = await t.app.inject({ method: 'GET', url: '/' });
    const asset = /\/assets\/([^"?]+)/.exec(home.body)![1]!;
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
      { route: 'GET /dev/mail/:id', request: (a) => a.get(`/dev/mail/${mail!.id}`), expect: anyAdmin },
      { route: 'GET /assets/:file', request: (a) => a.get(`/assets/${asset}`), expect: everyone },
    ];
  },
};
