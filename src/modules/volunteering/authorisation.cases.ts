import { member, everyone, roles, type ModuleCases } from '../../authorisation/cases.js';
import { addOrganiser, organisationSummaries } from '../directory/index.js';
import { addShifts, logHours, publishOpportunity, signUp, suggestOpportunity } from './volunteering.js';
import { findOpportunity } from './store.js';

/**
 * The organiser is listed in the directory as a member of Friends of Calder Park, so
 * they (and the place's admins) run its volunteering; the single-role coordinator is
 * not a member of it and is refused, as is everyone else. The resident is signed up
 * to a shift and has logged hours: their sign-up is theirs alone to cancel.
 */
export const volunteeringCases: ModuleCases = {
  module: 'volunteering',
  async cases({ t, personIds, placeIds }) {
    const { kith } = t;
    const placeId = placeIds.calderbrook;
    const organisation = (await organisationSummaries(kith.db.kysely, placeId)).find(
      (o) => o.name === 'Friends of Calder Park',
    )!;
    await addOrganiser(kith, {
      placeId,
      actorId: personIds.admin,
      organisationId: organisation.id,
      email: 'only-organiser@test.example',
    });
    const opportunityId = await publishOpportunity(kith, {
      placeId,
      actorId: personIds.organiser,
      organisationName: organisation.name,
      opportunity: {
        organisation: organisation.id,
        title: 'Authorisation role',
        description: 'A role',
        skills: '',
        timeCommitment: 'An hour',
        commitment: 'regular',
        accessibility: '',
        minimumAge: null,
        participation: 'shifts',
        remote: true,
        interests: ['environment'],
        requirements: [],
        days: [],
        times: [],
        postcode: '',
        status: 'open',
        suggestion: '',
      },
    });
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await addShifts(kith, {
      placeId,
      actorId: personIds.organiser,
      opportunity: (await findOpportunity(kith.db.kysely, opportunityId))!,
      plan: { date: tomorrow, starts: '10:00', ends: '12:00', places: 5, repeat: 'none', occurrences: 1 },
    });
    const shift = (
      await kith.db.kysely
        .selectFrom('volunteering_shifts')
        .select('id')
        .where('opportunity_id', '=', opportunityId)
        .executeTakeFirstOrThrow()
    ).id;
    const { signupId } = await signUp(kith, {
      placeId,
      actorId: personIds.resident,
      opportunityId,
      shiftId: shift,
      message: '',
      birthDate: null,
    });
    const hoursId = await logHours(kith, {
      placeId,
      actorId: personIds.resident,
      opportunityId,
      workedOn: new Date().toISOString().slice(0, 10),
      minutes: 60,
      note: '',
    });
    const suggestionId = await suggestOpportunity(kith, {
      placeId,
      actorId: personIds.resident,
      organisationId: organisation.id,
      title: 'Someone to water the park’s planters',
      detail: '',
    });
    const base = '/places/calderbrook/volunteering';
    const manage = `${base}/manage/${organisation.id}`;
    const coordinators = roles('organiser', 'admin');
    return [
      { route: 'GET /places/:place/volunteering', request: (a) => a.get(base), expect: everyone },
      {
        route: 'GET /api/places/:place/volunteering/opportunities',
        request: (a) => a.get('/api/places/calderbrook/volunteering/opportunities'),
        expect: everyone,
      },
      {
        route: 'GET /api/places/:place/volunteering/opportunities/:id',
        request: (a) => a.get(`/api/places/calderbrook/volunteering/opportunities/${opportunityId}`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/volunteering/opportunities/:opportunity',
        request: (a) => a.get(`${base}/opportunities/${opportunityId}`),
        expect: everyone,
      },
      {
        route: 'POST /places/:place/volunteering/opportunities/:opportunity',
        request: (a) => a.post(`${base}/opportunities/${opportunityId}`, {}),
        expect: member,
      },
      { route: 'GET /places/:place/volunteering/mine', request: (a) => a.get(`${base}/mine`), expect: member },
      { route: 'POST /places/:place/volunteering/hours', request: (a) => a.post(`${base}/hours`, {}), expect: member },
      {
        route: 'GET /places/:place/volunteering/certificate.pdf',
        request: (a) => a.get(`${base}/certificate.pdf`),
        expect: member,
      },
      {
        route: 'POST /places/:place/volunteering/signups/:signup/cancel',
        request: (a) => a.post(`${base}/signups/${signupId}/cancel`),
        expect: roles('resident'),
      },
      { route: 'GET /places/:place/volunteering/suggest', request: (a) => a.get(`${base}/suggest`), expect: member },
      {
        route: 'POST /places/:place/volunteering/suggest',
        request: (a) => a.post(`${base}/suggest`, {}),
        expect: member,
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/suggestions/:suggestion',
        request: (a) => a.post(`${manage}/suggestions/${suggestionId}`, {}),
        expect: coordinators,
      },
      {
        route: 'GET /places/:place/volunteering/manage',
        request: (a) => a.get(`${base}/manage`),
        expect: roles('organiser', 'coordinator', 'admin'),
      },
      {
        route: 'GET /places/:place/volunteering/manage/:organisation',
        request: (a) => a.get(manage),
        expect: coordinators,
      },
      {
        route: 'GET /places/:place/volunteering/manage/:organisation/opportunities/new',
        request: (a) => a.get(`${manage}/opportunities/new`),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/opportunities/new',
        request: (a) => a.post(`${manage}/opportunities/new`, {}),
        expect: coordinators,
      },
      {
        route: 'GET /places/:place/volunteering/manage/:organisation/opportunities/:opportunity',
        request: (a) => a.get(`${manage}/opportunities/${opportunityId}`),
        expect: coordinators,
      },
      {
        route: 'GET /places/:place/volunteering/manage/:organisation/opportunities/:opportunity/edit',
        request: (a) => a.get(`${manage}/opportunities/${opportunityId}/edit`),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/opportunities/:opportunity/edit',
        request: (a) => a.post(`${manage}/opportunities/${opportunityId}/edit`, {}),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/opportunities/:opportunity/status',
        request: (a) => a.post(`${manage}/opportunities/${opportunityId}/status`, {}),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/opportunities/:opportunity/shifts',
        request: (a) => a.post(`${manage}/opportunities/${opportunityId}/shifts`, {}),
        expect: coordinators,
      },
      {
        route: 'GET /places/:place/volunteering/manage/:organisation/shifts/:shift',
        request: (a) => a.get(`${manage}/shifts/${shift}`),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/shifts/:shift',
        request: (a) => a.post(`${manage}/shifts/${shift}`, {}),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/shifts/:shift/cancel',
        request: (a) => a.post(`${manage}/shifts/${shift}/cancel`, {}),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/shifts/:shift/hours',
        request: (a) => a.post(`${manage}/shifts/${shift}/hours`, {}),
        expect: coordinators,
      },
      {
        route: 'GET /places/:place/volunteering/manage/:organisation/people/:person',
        request: (a) => a.get(`${manage}/people/${personIds.resident}`),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/people/:person/checks',
        request: (a) => a.post(`${manage}/people/${personIds.resident}/checks`, {}),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/people/:person/consent',
        request: (a) => a.post(`${manage}/people/${personIds.resident}/consent`, {}),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/people/:person/thanks',
        request: (a) => a.post(`${manage}/people/${personIds.resident}/thanks`, {}),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/signups/:signup',
        request: (a) => a.post(`${manage}/signups/${signupId}`, {}),
        expect: coordinators,
      },
      {
        route: 'GET /places/:place/volunteering/manage/:organisation/report',
        request: (a) => a.get(`${manage}/report`),
        expect: coordinators,
      },
      {
        route: 'GET /places/:place/volunteering/manage/:organisation/report.csv',
        request: (a) => a.get(`${manage}/report.csv`),
        expect: coordinators,
      },
      {
        route: 'GET /places/:place/volunteering/reports',
        request: (a) => a.get(`${base}/reports`),
        expect: roles('officer', 'admin'),
      },
      {
        route: 'GET /places/:place/volunteering/reports.csv',
        request: (a) => a.get(`${base}/reports.csv`),
        expect: roles('officer', 'admin'),
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/hours/:hours',
        request: (a) => a.post(`${manage}/hours/${hoursId}`, {}),
        expect: coordinators,
      },
    ];
  },
};
