import { roles, signedIn, type ModuleCases } from '../../authorisation/cases.js';

/** The place in figures: officers and admins of the place, nobody else; anyone signed in answers their own equality questions. */
export const insightCases: ModuleCases = {
  module: 'insight',
  async cases() {
    const base = '/places/calderbrook/insight';
    const officers = roles('officer', 'admin');
    return [
      { route: 'GET /places/:place/insight', request: (a) => a.get(base), expect: officers },
      {
        route: 'GET /places/:place/insight/figures/:figure',
        request: (a) => a.get(`${base}/figures/insight.hoursGiven`),
        expect: officers,
      },
      {
        route: 'GET /places/:place/insight/figures.csv',
        request: (a) => a.get(`${base}/figures.csv`),
        expect: officers,
      },
      {
        route: 'GET /places/:place/insight/figures.json',
        request: (a) => a.get(`${base}/figures.json`),
        expect: officers,
      },
      { route: 'GET /places/:place/insight/equality', request: (a) => a.get(`${base}/equality`), expect: officers },
      { route: 'GET /account/equality', request: (a) => a.get('/account/equality'), expect: signedIn },
      {
        route: 'POST /account/equality',
        request: (a) => a.post('/account/equality', { sex: 'female', welshSpeaker: 'yes' }),
        expect: signedIn,
        submission: { changesInPlace: 'keeps the person’s answers; the same answers again change nothing' },
      },
      {
        route: 'POST /account/equality/remove',
        request: (a) => a.post('/account/equality/remove', {}),
        expect: signedIn,
        submission: { changesInPlace: 'removes the person’s answers; removing none changes nothing' },
      },
    ];
  },
};
