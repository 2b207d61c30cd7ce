import { roles, type ModuleCases } from '../../authorisation/cases.js';

/** The place in figures: officers and admins of the place, nobody else. */
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
    ];
  },
};
