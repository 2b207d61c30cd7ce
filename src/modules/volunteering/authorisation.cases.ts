import {
  invalidInput,
  member,
  everyone,
  roles,
  type AuthorisationCase,
  type ModuleCases,
} from '../../authorisation/cases.js';
import { addOrganiser, organisationSummaries } from '../directory/index.js';
import { addShifts } from './shifts.js';
import { logHours } from './hours.js';
import { publishOpportunity, suggestOpportunity } from './roles.js';
import { signUp } from './signups.js';
import { findOpportunity } from './store.js';
import { recordCheck } from './checks.js';
import { checksOf } from './checks-store.js';
import { shareChecks } from './sharing.js';

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
    // The partner is on the shift too, to log hours in the submission test (the
    // resident's own sign-up is cancelled by its row).
    await signUp(kith, {
      placeId,
      actorId: personIds.partner,
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
    // The Repair Café has seen the resident's training; the resident lets Friends of Calder
    // Park see it, so its coordinators may accept it. The partner is also interested in
    // walking (their shift is cancelled by a row below), so they can share their checks.
    const all = await organisationSummaries(kith.db.kysely, placeId);
    const repair = all.find((o) => o.name === 'Calderbrook Repair Café')!;
    const walking = all.find((o) => o.name === 'Calderbrook Walking Group')!;
    await recordCheck(kith, {
      placeId,
      actorId: personIds.organiser,
      organisationId: repair.id,
      personId: personIds.resident,
      kind: 'training',
      checkedOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
      expiresOn: null,
      note: '',
    });
    const [residentCheck] = await checksOf(kith.db.kysely, repair.id, personIds.resident);
    // A role at the park needing training, which the resident is interested in: the shared check is of use there.
    const trainedRole = await publishOpportunity(kith, {
      placeId,
      actorId: personIds.organiser,
      organisationName: organisation.name,
      opportunity: {
        organisation: organisation.id,
        title: 'Tool store keeper',
        description: 'Look after the tools',
        skills: '',
        timeCommitment: 'An hour a week',
        commitment: 'regular',
        accessibility: '',
        minimumAge: null,
        participation: 'flexible',
        remote: true,
        interests: ['environment'],
        requirements: ['training'],
        days: [],
        times: [],
        postcode: '',
        status: 'open',
        suggestion: '',
      },
    });
    await signUp(kith, {
      placeId,
      actorId: personIds.resident,
      opportunityId: trainedRole,
      shiftId: null,
      message: '',
      birthDate: null,
    });
    await shareChecks(kith, { placeId, actorId: personIds.resident, organisationId: organisation.id });
    const walk = await kith.db.kysely
      .selectFrom('volunteering_opportunities')
      .select('id')
      .where('place_id', '=', placeId)
      .where('title', '=', 'Walk leader')
      .executeTakeFirst();
    if (walk)
      await signUp(kith, {
        placeId,
        actorId: personIds.partner,
        opportunityId: walk.id,
        shiftId: null,
        message: '',
        birthDate: null,
      });
    const base = '/places/calderbrook/volunteering';
    const manage = `${base}/manage/${organisation.id}`;
    const coordinators = roles('organiser', 'admin');
    const today = new Date().toISOString().slice(0, 10).split('-');
    const past = (name: string) => ({
      [`${name}-day`]: today[2]!,
      [`${name}-month`]: today[1]!,
      [`${name}-year`]: today[0]!,
    });
    const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10).split('-');
    const rows: AuthorisationCase[] = [
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
        submission: {
          creates: {
            as: 'coordinator',
            fields: { shift, message: 'I can bring gloves' },
            table: 'volunteering_signups',
          },
        },
      },
      { route: 'GET /places/:place/volunteering/mine', request: (a) => a.get(`${base}/mine`), expect: member },
      {
        route: 'POST /places/:place/volunteering/hours',
        request: (a) => a.post(`${base}/hours`, {}),
        expect: invalidInput(member),
        submission: {
          creates: {
            as: 'partner',
            fields: { opportunity: opportunityId, ...past('workedOn'), hours: '2', minutes: '0', note: '' },
            table: 'volunteering_hours',
          },
        },
      },
      {
        route: 'GET /places/:place/volunteering/certificate.pdf',
        request: (a) => a.get(`${base}/certificate.pdf`),
        expect: member,
      },
      {
        route: 'POST /places/:place/volunteering/shares',
        request: (a) => a.post(`${base}/shares`, {}),
        expect: invalidInput(member),
        submission: {
          creates: { as: 'partner', fields: { organisation: walking.id }, table: 'volunteering_check_shares' },
        },
      },
      {
        route: 'POST /places/:place/volunteering/shares/:organisation/withdraw',
        request: (a) => a.post(`${base}/shares/${walking.id}/withdraw`, {}),
        expect: member,
        submission: { changesInPlace: 'it deletes the person’s own leave; a repeat finds none to delete' },
      },
      {
        route: 'POST /places/:place/volunteering/signups/:signup/cancel',
        request: (a) => a.post(`${base}/signups/${signupId}/cancel`),
        expect: roles('resident'),
        submission: { changesInPlace: 'it cancels the sign-up once; a repeat finds it already cancelled' },
      },
      { route: 'GET /places/:place/volunteering/suggest', request: (a) => a.get(`${base}/suggest`), expect: member },
      {
        route: 'POST /places/:place/volunteering/suggest',
        request: (a) => a.post(`${base}/suggest`, {}),
        expect: invalidInput(member),
        submission: {
          creates: {
            as: 'resident',
            fields: { organisation: organisation.id, title: 'Someone to read to the lunch club', detail: '' },
            table: 'volunteering_suggestions',
          },
        },
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/suggestions/:suggestion',
        request: (a) => a.post(`${manage}/suggestions/${suggestionId}`, {}),
        expect: coordinators,
        submission: { changesInPlace: 'it answers the suggestion once; a repeat finds it already answered' },
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
        expect: invalidInput(coordinators),
        submission: {
          creates: {
            as: 'organiser',
            fields: {
              organisation: organisation.id,
              title: 'Litter pick leader',
              description: 'Lead a litter pick',
              skills: '',
              timeCommitment: 'Two hours a month',
              commitment: 'regular',
              accessibility: '',
              minimumAge: '',
              participation: 'flexible',
              remote: 'yes',
              interests: ['environment'],
              postcode: '',
              status: 'open',
            },
            table: 'volunteering_opportunities',
          },
        },
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
        expect: invalidInput(coordinators),
        submission: { changesInPlace: 'it rewrites the role in place' },
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/opportunities/:opportunity/status',
        request: (a) => a.post(`${manage}/opportunities/${opportunityId}/status`, {}),
        expect: invalidInput(coordinators),
        submission: {
          changesInPlace: 'it sets the role’s status; a draft case study it shares is made once per submission key',
        },
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/opportunities/:opportunity/shifts',
        request: (a) => a.post(`${manage}/opportunities/${opportunityId}/shifts`, {}),
        expect: invalidInput(coordinators),
        submission: {
          creates: {
            as: 'organiser',
            fields: {
              'date-day': nextWeek[2]!,
              'date-month': nextWeek[1]!,
              'date-year': nextWeek[0]!,
              starts: '14:00',
              ends: '16:00',
              places: '4',
              repeat: 'none',
              occurrences: '1',
            },
            table: 'volunteering_shifts',
          },
        },
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
        submission: { changesInPlace: 'it marks who came to the shift' },
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/shifts/:shift/cancel',
        request: (a) => a.post(`${manage}/shifts/${shift}/cancel`, {}),
        expect: invalidInput(coordinators),
        submission: {
          changesInPlace:
            'it cancels the shift once, under a lock; a repeat finds it already cancelled and writes to nobody',
        },
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/shifts/:shift/hours',
        request: (a) => a.post(`${manage}/shifts/${shift}/hours`, {}),
        expect: invalidInput(coordinators),
        submission: {
          changesInPlace:
            'it logs hours only for those who came and have none for the shift yet, under a lock on the shift: a repeat finds everyone logged',
        },
      },
      {
        route: 'GET /places/:place/volunteering/manage/:organisation/people/:person',
        request: (a) => a.get(`${manage}/people/${personIds.resident}`),
        expect: coordinators,
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/people/:person/checks',
        request: (a) => a.post(`${manage}/people/${personIds.resident}/checks`, {}),
        expect: invalidInput(coordinators),
        submission: {
          creates: {
            as: 'organiser',
            fields: { kind: 'training', ...past('checkedOn'), note: 'Food hygiene' },
            table: 'volunteering_checks',
          },
        },
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/people/:person/consent',
        request: (a) => a.post(`${manage}/people/${personIds.resident}/consent`, {}),
        expect: invalidInput(coordinators),
        submission: {
          creates: {
            as: 'organiser',
            fields: { guardianName: 'Sam Jones', relationship: 'Parent', ...past('givenOn') },
            table: 'volunteering_consents',
          },
        },
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/people/:person/thanks',
        request: (a) => a.post(`${manage}/people/${personIds.resident}/thanks`, {}),
        expect: invalidInput(coordinators),
        submission: {
          creates: { as: 'organiser', fields: { thanks: 'Thank you for Saturday' }, table: 'volunteering_thanks' },
        },
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/people/:person/shared/:check',
        request: (a) => a.post(`${manage}/people/${personIds.resident}/shared/${residentCheck!.id}`, {}),
        expect: invalidInput(coordinators),
        submission: {
          creates: { as: 'organiser', fields: { decision: 'accept' }, table: 'volunteering_checks' },
        },
      },
      {
        route: 'POST /places/:place/volunteering/manage/:organisation/signups/:signup',
        request: (a) => a.post(`${manage}/signups/${signupId}`, {}),
        expect: invalidInput(coordinators),
        submission: {
          creates: { as: 'organiser', fields: { action: 'reply', message: 'See you at the gate' }, table: 'jobs' },
        },
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
        submission: { changesInPlace: 'it decides the hours once; a repeat finds them already decided' },
      },
    ];
    return rows;
  },
};
