import { everyone, type ModuleCases } from '../../authorisation/cases.js';

export const siteCases: ModuleCases = {
  module: 'site',
  async cases() {
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
      // The development mailbox exists only in development, for anyone testing it there.
      { route: 'GET /dev/mail', request: (a) => a.get('/dev/mail'), expect: everyone },
      { route: 'GET /dev/mail/:id', request: (a) => a.get('/dev/mail/none'), expect: everyone },
      { route: 'GET /assets/:file', request: (a) => a.get('/assets/none.css'), expect: everyone },
    ];
  },
};
