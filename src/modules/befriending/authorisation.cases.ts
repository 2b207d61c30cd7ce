import {
  invalidInput,
  member,
  everyone,
  roles,
  type AuthorisationCase,
  type ModuleCases,
} from '../../authorisation/cases.js';
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
    // Two more neighbours without accounts: one already met by the partner's volunteer
    // profile (so the partner has a match to log time with), one for an introduction.
    const neighbour = (name: string) =>
      joinScheme(kith, {
        ...at,
        scheme,
        side: 'neighbour',
        personId: null,
        name,
        contact: '',
        notes: '',
        profile: base,
      });
    await introduce(kith, {
      ...at,
      scheme,
      seekerId: await neighbour('A neighbour the partner supports'),
      candidateId: volunteerWithAccount,
      message: '',
      placeSlug: 'calderbrook',
    });
    const unmatched = await neighbour('A neighbour still waiting');
    const profile = {
      languages: 'en',
      ways: 'phone',
      experiences: 'caring',
      postcode: '',
      travelMiles: '2',
      about: 'Happy to talk in the evenings',
    };
    const b = '/places/calderbrook/befriending';
    const manage = `${b}/manage/${organisation.id}`;
    const coordinators = roles('organiser', 'admin');
    const today = new Date().toISOString().slice(0, 10).split('-');
    const past = (name: string) => ({
      [`${name}-day`]: today[2]!,
      [`${name}-month`]: today[1]!,
      [`${name}-year`]: today[0]!,
    });
    const rows: AuthorisationCase[] = [
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
        expect: invalidInput(member),
        submission: { creates: { as: 'coordinator', fields: profile, table: 'befriending_profiles' } },
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
        expect: invalidInput(roles('resident')),
        submission: { changesInPlace: 'it rewrites the person’s own profile in place' },
      },
      {
        route: 'POST /places/:place/befriending/profiles/:profile/looking',
        request: (a) => a.post(`${b}/profiles/${mine}/looking`, {}),
        expect: invalidInput(roles('resident')),
        submission: { changesInPlace: 'it sets whether the person is looking' },
      },
      {
        route: 'POST /places/:place/befriending/profiles/:profile/hours',
        // Time is logged by a volunteer in a live match: the partner's profile. (The
        // resident's is a neighbour's, which has no time to log: not found.)
        request: (a) => a.post(`${b}/profiles/${volunteerWithAccount}/hours`, {}),
        expect: invalidInput(roles('partner')),
        submission: {
          creates: {
            as: 'partner',
            fields: { ...past('workedOn'), hours: '1', minutes: '30', note: 'A walk by the canal' },
            table: 'volunteering_hours',
          },
        },
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
        expect: invalidInput(coordinators),
        submission: {
          creates: {
            as: 'organiser',
            fields: { name: 'Phone friends', kind: 'befriending', description: 'A weekly call', checkinDays: '28' },
            table: 'befriending_schemes',
          },
        },
      },
      {
        route: 'GET /places/:place/befriending/manage/:organisation/schemes/:scheme',
        request: (a) => a.get(`${manage}/schemes/${schemeId}`),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/befriending/manage/:organisation/schemes/:scheme/status',
        request: (a) => a.post(`${manage}/schemes/${schemeId}/status`, {}),
        expect: invalidInput(coordinators),
        submission: {
          changesInPlace: 'it opens or closes the scheme; a draft case study it shares is made once per submission key',
        },
      },
      {
        route: 'GET /places/:place/befriending/manage/:organisation/schemes/:scheme/people/new/:side',
        request: (a) => a.get(`${manage}/schemes/${schemeId}/people/new/neighbour`),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/befriending/manage/:organisation/schemes/:scheme/people/new/:side',
        request: (a) => a.post(`${manage}/schemes/${schemeId}/people/new/neighbour`, {}),
        expect: invalidInput(coordinators),
        submission: {
          creates: {
            as: 'organiser',
            fields: { ...profile, name: 'Edna Hollis', contact: '01632 960001', notes: '' },
            table: 'befriending_profiles',
          },
        },
      },
      {
        route: 'GET /places/:place/befriending/manage/:organisation/profiles/:profile',
        request: (a) => a.get(`${manage}/profiles/${waiting}`),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/befriending/manage/:organisation/profiles/:profile/notes',
        request: (a) => a.post(`${manage}/profiles/${waiting}/notes`, { notes: 'x'.repeat(3000) }),
        expect: invalidInput(coordinators),
        submission: { changesInPlace: 'it rewrites the coordinators’ notes in place' },
      },
      {
        route: 'GET /places/:place/befriending/manage/:organisation/profiles/:profile/edit',
        request: (a) => a.get(`${manage}/profiles/${waiting}/edit`),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/befriending/manage/:organisation/profiles/:profile/edit',
        request: (a) => a.post(`${manage}/profiles/${waiting}/edit`, {}),
        expect: invalidInput(coordinators),
        submission: { changesInPlace: 'it rewrites the profile in place' },
      },
      {
        route: 'POST /places/:place/befriending/manage/:organisation/profiles/:profile/checks',
        request: (a) => a.post(`${manage}/profiles/${volunteerWithAccount}/checks`, {}),
        expect: invalidInput(coordinators),
        submission: {
          creates: {
            as: 'organiser',
            fields: { kind: 'training', ...past('checkedOn'), note: 'Listening skills' },
            table: 'volunteering_checks',
          },
        },
      },
      {
        route: 'POST /places/:place/befriending/manage/:organisation/profiles/:profile/introduce',
        request: (a) => a.post(`${manage}/profiles/${waiting}/introduce`, {}),
        expect: invalidInput(coordinators),
        submission: {
          creates: {
            as: 'organiser',
            fields: { candidate: unmatched, message: 'You both cared for a parent' },
            table: 'befriending_matches',
          },
        },
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
        submission: { changesInPlace: 'it moves an introduced match to under way once; a repeat finds it moved' },
      },
      {
        route: 'POST /places/:place/befriending/manage/:organisation/matches/:match/checkins',
        request: (a) => a.post(`${manage}/matches/${match}/checkins`, {}),
        expect: invalidInput(coordinators),
        submission: {
          creates: {
            as: 'organiser',
            fields: { withWhom: 'both', going: 'well', note: '' },
            table: 'befriending_checkins',
          },
        },
      },
      {
        route: 'POST /places/:place/befriending/manage/:organisation/matches/:match/end',
        request: (a) => a.post(`${manage}/matches/${match}/end`, {}),
        expect: invalidInput(coordinators),
        submission: {
          changesInPlace:
            'it ends the match once; a repeat finds it ended, and the thanks go once under the form’s key',
        },
      },
    ];
    return rows;
  },
};
