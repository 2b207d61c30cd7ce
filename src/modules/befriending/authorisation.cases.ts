import { member, everyone, roles, type ModuleCases } from '../../authorisation/cases.js';
import { addOrganiser, organisationSummaries } from '../directory/index.js';
import { createScheme, introduce, joinScheme } from './befriending.js';
import { findScheme } from './store.js';

/**
 * The organiser is listed in the directory as a member of Calderbrook Carers Network,
 * so they (and the place's admins) run its peer support; the single-role coordinator is
 * not a member of it and is refused, as is everyone else. The resident has asked for a
 * peer supporter: that profile is theirs alone to change.
 */
export const befriendingCases: ModuleCases = {
  module: 'befriending',
  async cases({ t, personIds, placeIds }) {
    const { kith } = t;
    const placeId = placeIds.calderbrook;
    const organisation = (await organisationSummaries(kith.db.kysely, placeId)).find(
      (o) => o.name === 'Calderbrook Carers Network',
    )!;
    await addOrganiser(kith, {
      placeId,
      actorId: personIds.admin,
      organisationId: organisation.id,
      email: 'only-organiser@test.example',
    });
    const at = { placeId, actorId: personIds.organiser };
    const schemeId = await createScheme(kith, {
      ...at,
      organisationId: organisation.id,
      scheme: {
        name: 'Carer to carer',
        kind: 'peer_support',
        description: 'Carers supporting carers.',
        requirements: [],
        checkinDays: 28,
      },
    });
    const scheme = (await findScheme(kith.db.kysely, schemeId))!;
    const base = {
      interests: [],
      languages: ['en' as const],
      availability: [],
      ways: ['phone' as const],
      experiences: ['caring' as const],
      postcode: '',
      travelMiles: 0,
      gender: 'unsaid' as const,
      prefers: 'any' as const,
      about: '',
    };
    const mine = await joinScheme(kith, {
      placeId,
      actorId: personIds.resident,
      scheme,
      side: 'neighbour',
      personId: personIds.resident,
      name: 'Only resident',
      contact: '',
      notes: '',
      profile: base,
    });
    const supporter = await joinScheme(kith, {
      ...at,
      scheme,
      side: 'volunteer',
      personId: null,
      name: 'A supporter',
      contact: '01632 960000',
      notes: 'Cared for her mother for ten years.',
      profile: base,
    });
    const waiting = await joinScheme(kith, {
      ...at,
      scheme,
      side: 'volunteer',
      personId: null,
      name: 'Another supporter',
      contact: '',
      notes: '',
      profile: base,
    });
    const volunteerWithAccount = await joinScheme(kith, {
      placeId,
      actorId: personIds.partner,
      scheme,
      side: 'volunteer',
      personId: personIds.partner,
      name: 'Only partner',
      contact: '',
      notes: '',
      profile: base,
    });
    const match = await introduce(kith, {
      ...at,
      scheme,
      seekerId: mine,
      candidateId: supporter,
      message: '',
      placeSlug: 'calderbrook',
    });
    const b = '/places/calderbrook/befriending';
    const manage = `${b}/manage/${organisation.id}`;
    const coordinators = roles('organiser', 'admin');
    return [
      { route: 'GET /places/:place/befriending', request: (a) => a.get(b), expect: everyone },
      {
        route: 'GET /places/:place/befriending/schemes/:scheme',
        request: (a) => a.get(`${b}/schemes/${schemeId}`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/befriending/schemes/:scheme/join/:side',
        request: (a) => a.get(`${b}/schemes/${schemeId}/join/volunteer`),
        expect: member,
      },
      {
        route: 'POST /places/:place/befriending/schemes/:scheme/join/:side',
        request: (a) => a.post(`${b}/schemes/${schemeId}/join/volunteer`, {}),
        expect: member,
      },
      { route: 'GET /places/:place/befriending/mine', request: (a) => a.get(`${b}/mine`), expect: member },
      {
        route: 'GET /places/:place/befriending/profiles/:profile',
        request: (a) => a.get(`${b}/profiles/${mine}`),
        expect: roles('resident'),
      },
      {
        route: 'POST /places/:place/befriending/profiles/:profile',
        request: (a) => a.post(`${b}/profiles/${mine}`, {}),
        expect: roles('resident'),
      },
      {
        route: 'POST /places/:place/befriending/profiles/:profile/looking',
        request: (a) => a.post(`${b}/profiles/${mine}/looking`, {}),
        expect: roles('resident'),
      },
      {
        route: 'POST /places/:place/befriending/profiles/:profile/hours',
        request: (a) => a.post(`${b}/profiles/${mine}/hours`, {}),
        expect: roles('resident'),
      },
      {
        route: 'GET /places/:place/befriending/manage',
        request: (a) => a.get(`${b}/manage`),
        expect: roles('organiser', 'coordinator', 'admin'),
      },
      {
        route: 'GET /places/:place/befriending/manage/:organisation/schemes/new',
        request: (a) => a.get(`${manage}/schemes/new`),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/befriending/manage/:organisation/schemes/new',
        request: (a) => a.post(`${manage}/schemes/new`, {}),
        expect: coordinators,
      },
      {
        route: 'GET /places/:place/befriending/manage/:organisation/schemes/:scheme',
        request: (a) => a.get(`${manage}/schemes/${schemeId}`),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/befriending/manage/:organisation/schemes/:scheme/status',
        request: (a) => a.post(`${manage}/schemes/${schemeId}/status`, {}),
        expect: coordinators,
      },
      {
        route: 'GET /places/:place/befriending/manage/:organisation/schemes/:scheme/people/new/:side',
        request: (a) => a.get(`${manage}/schemes/${schemeId}/people/new/neighbour`),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/befriending/manage/:organisation/schemes/:scheme/people/new/:side',
        request: (a) => a.post(`${manage}/schemes/${schemeId}/people/new/neighbour`, {}),
        expect: coordinators,
      },
      {
        route: 'GET /places/:place/befriending/manage/:organisation/profiles/:profile',
        request: (a) => a.get(`${manage}/profiles/${waiting}`),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/befriending/manage/:organisation/profiles/:profile/notes',
        request: (a) => a.post(`${manage}/profiles/${waiting}/notes`, { notes: 'x'.repeat(3000) }),
        expect: coordinators,
      },
      {
        route: 'GET /places/:place/befriending/manage/:organisation/profiles/:profile/edit',
        request: (a) => a.get(`${manage}/profiles/${waiting}/edit`),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/befriending/manage/:organisation/profiles/:profile/edit',
        request: (a) => a.post(`${manage}/profiles/${waiting}/edit`, {}),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/befriending/manage/:organisation/profiles/:profile/checks',
        request: (a) => a.post(`${manage}/profiles/${volunteerWithAccount}/checks`, {}),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/befriending/manage/:organisation/profiles/:profile/introduce',
        request: (a) => a.post(`${manage}/profiles/${waiting}/introduce`, {}),
        expect: coordinators,
      },
      {
        route: 'GET /places/:place/befriending/manage/:organisation/matches/:match',
        request: (a) => a.get(`${manage}/matches/${match}`),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/befriending/manage/:organisation/matches/:match/start',
        request: (a) => a.post(`${manage}/matches/${match}/start`),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/befriending/manage/:organisation/matches/:match/checkins',
        request: (a) => a.post(`${manage}/matches/${match}/checkins`, {}),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/befriending/manage/:organisation/matches/:match/end',
        request: (a) => a.post(`${manage}/matches/${match}/end`, {}),
        expect: coordinators,
      },
    ];
  },
};
