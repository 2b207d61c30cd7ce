import {
  invalidInput,
  everyone,
  roles,
  type ActorName,
  type AuthorisationCase,
  type ModuleCases,
  type Outcome,
} from '../../authorisation/cases.js';
import { addOrganisationMember, listOrganisations } from './organisations-store.js';
import { taxonomiesOf, termsOf } from './taxonomy-store.js';
import { createListing } from './listings.js';
import { listingFromForm, ListingForm } from './inputs.js';
import { addTerm } from './organisations.js';

/**
 * The directory's rows. An organisation is made whose only organiser is the test's
 * organiser; another organisation has none, so an organiser who is not its member is
 * refused there like anyone else without the admin role.
 */
export const directoryCases: ModuleCases = {
  module: 'directory',
  async cases({ t, personIds, placeIds }): Promise<AuthorisationCase[]> {
    const db = t.kith.db.kysely;
    const { rows } = await listOrganisations(db, placeIds.calderbrook, { limit: 2, offset: 0 });
    const [mine, theirs] = rows as [(typeof rows)[0], (typeof rows)[0]];
    await addOrganisationMember(db, {
      placeId: placeIds.calderbrook,
      organisationId: mine.id,
      personId: personIds.organiser,
      addedBy: null,
    });
    const form = ListingForm.parse({
      name: 'Authorisation test listing',
      description: 'For the authorisation table',
      howToJoin: 'Turn up',
      cost: 'free',
      locationName: 'Calderbrook Library',
      address1: '2 Market Street',
      city: 'Calderbrook',
      postcode: 'KL1 1AA',
      frequency: 'weekly',
      day: 'TU',
      opensAt: '10:00',
      closesAt: '11:00',
    });
    const listing = async (organisationId: string) =>
      createListing(t.kith, {
        placeId: placeIds.calderbrook,
        organisationId,
        actorId: personIds.admin,
        input: listingFromForm(form, '2026-01-06'),
      });
    const myListing = await listing(mine.id);
    const theirListing = await listing(theirs.id);
    const [term] = await termsOf(db, placeIds.calderbrook);
    const [taxonomy] = await taxonomiesOf(db, placeIds.calderbrook);
    const removable = await addTerm(t.kith, {
      placeId: placeIds.calderbrook,
      actorId: personIds.admin,
      taxonomy: 'social-action',
      term: 'Authorisation term to remove',
      termCy: null,
      description: null,
    });
    // A published activity, as the open data lists it.
    const published = async (path: string) =>
      (JSON.parse((await t.app.inject({ method: 'GET', url: path })).body) as { contents: Array<{ id: string }> })
        .contents[0]!.id;
    const service = await published('/api/oruk/calderbrook/services');
    const serviceAtLocation = await published('/api/oruk/calderbrook/service_at_locations');
    const p = '/places/calderbrook';
    const admin = roles('admin');
    const organisers = roles('admin', 'organiser');
    // The organiser may change their own organisation's listings; the other one's only an admin may.
    const ownOrganisation = roles('admin', 'organiser');
    const otherOrganisation = (actor: ActorName): Outcome =>
      actor === 'anonymous' ? 'sign-in' : actor === 'admin' ? 'ok' : 'forbidden';
    const api = `/api/oruk/calderbrook`;
    return [
      { route: 'GET /activities', request: (a) => a.get('/activities'), expect: everyone },
      {
        route: 'GET /places/:place/activities',
        request: (a) => a.get(`${p}/activities?postcode=KL1%201AA`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/activities/:id',
        request: (a) => a.get(`${p}/activities/${service}`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/activities/:id/calendar.ics',
        request: (a) => a.get(`${p}/activities/${service}/calendar.ics`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/directory/listings.csv',
        request: (a) => a.get(`${p}/directory/listings.csv`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/directory/locations.geojson',
        request: (a) => a.get(`${p}/directory/locations.geojson`),
        expect: everyone,
      },
      { route: 'GET /places/:place/directory', request: (a) => a.get(`${p}/directory`), expect: organisers },
      {
        route: 'GET /places/:place/directory/organisations/:org/activities/new',
        request: (a) => a.get(`${p}/directory/organisations/${mine.id}/activities/new`),
        expect: ownOrganisation,
      },
      {
        route: 'POST /places/:place/directory/organisations/:org/activities/new',
        request: (a) => a.post(`${p}/directory/organisations/${theirs.id}/activities/new`, {}),
        expect: invalidInput(otherOrganisation),
        submission: {
          creates: {
            as: 'admin',
            fields: {
              name: 'Saturday repair cafe',
              description: 'Bring something broken and mend it with us',
              howToJoin: 'Turn up',
              cost: 'free',
              locationName: 'Calderbrook Library',
              address1: '2 Market Street',
              city: 'Calderbrook',
              postcode: 'KL1 1AA',
              frequency: 'weekly',
              day: 'SA',
              opensAt: '10:00',
              closesAt: '12:00',
            },
            table: 'directory_activities',
          },
        },
      },
      {
        route: 'GET /places/:place/directory/activities/:id/edit',
        request: (a) => a.get(`${p}/directory/activities/${myListing}/edit`),
        expect: ownOrganisation,
      },
      {
        route: 'POST /places/:place/directory/activities/:id/edit',
        request: (a) => a.post(`${p}/directory/activities/${theirListing}/edit`, {}),
        expect: invalidInput(otherOrganisation),
        submission: { changesInPlace: 'edits the listing in place' },
      },
      {
        route: 'POST /places/:place/directory/activities/:id/submit',
        request: (a) => a.post(`${p}/directory/activities/${theirListing}/submit`),
        expect: otherOrganisation,
        submission: { changesInPlace: 'sends the listing for review: a state it is in or not' },
      },
      {
        route: 'POST /places/:place/directory/activities/:id/confirm',
        request: (a) => a.post(`${p}/directory/activities/${myListing}/confirm`),
        expect: ownOrganisation,
        submission: { changesInPlace: 'records the day the listing was last checked' },
      },
      {
        route: 'GET /places/:place/directory/moderation',
        request: (a) => a.get(`${p}/directory/moderation`),
        expect: admin,
      },
      {
        route: 'GET /places/:place/directory/moderation/:id',
        request: (a) => a.get(`${p}/directory/moderation/${myListing}`),
        expect: admin,
      },
      {
        route: 'POST /places/:place/directory/moderation/:id',
        request: (a) => a.post(`${p}/directory/moderation/${myListing}`, {}),
        expect: invalidInput(admin),
        submission: { changesInPlace: 'publishes or returns the listing: a state' },
      },
      {
        route: 'GET /places/:place/directory/organisations',
        request: (a) => a.get(`${p}/directory/organisations`),
        expect: admin,
      },
      {
        route: 'POST /places/:place/directory/organisations',
        request: (a) => a.post(`${p}/directory/organisations`, {}),
        expect: invalidInput(admin),
        submission: {
          creates: {
            as: 'admin',
            fields: { name: 'Calderbrook Repair Cafe', description: 'Fixing things together', kind: 'community_group' },
            table: 'directory_organisations',
          },
        },
      },
      {
        route: 'GET /places/:place/directory/organisations/:org',
        request: (a) => a.get(`${p}/directory/organisations/${mine.id}`),
        expect: admin,
      },
      {
        route: 'POST /places/:place/directory/organisations/:org',
        request: (a) => a.post(`${p}/directory/organisations/${mine.id}`, {}),
        expect: invalidInput(admin),
        submission: { changesInPlace: 'edits the organisation in place' },
      },
      {
        route: 'POST /places/:place/directory/organisations/:org/organisers',
        request: (a) => a.post(`${p}/directory/organisations/${mine.id}/organisers`, {}),
        expect: invalidInput(admin),
        submission: { changesInPlace: 'makes someone an organiser, which they are once' },
      },
      {
        route: 'POST /places/:place/directory/organisations/:org/organisers/:person/remove',
        request: (a) => a.post(`${p}/directory/organisations/${theirs.id}/organisers/${personIds.resident}/remove`),
        expect: admin,
        submission: { changesInPlace: 'removes an organiser' },
      },
      {
        route: 'GET /places/:place/directory/taxonomy',
        request: (a) => a.get(`${p}/directory/taxonomy`),
        expect: admin,
      },
      {
        route: 'POST /places/:place/directory/taxonomy',
        request: (a) => a.post(`${p}/directory/taxonomy`, {}),
        expect: invalidInput(admin),
        submission: {
          creates: {
            as: 'admin',
            fields: { taxonomy: 'social-action', term: 'Street parties' },
            table: 'directory_taxonomy_terms',
          },
        },
      },
      {
        route: 'GET /places/:place/directory/taxonomy/:term',
        request: (a) => a.get(`${p}/directory/taxonomy/${term!.id}`),
        expect: admin,
      },
      {
        route: 'POST /places/:place/directory/taxonomy/:term',
        request: (a) => a.post(`${p}/directory/taxonomy/${term!.id}`, {}),
        expect: invalidInput(admin),
        submission: { changesInPlace: 'renames the term in place' },
      },
      {
        route: 'POST /places/:place/directory/taxonomy/:term/remove',
        request: (a) => a.post(`${p}/directory/taxonomy/${removable}/remove`),
        expect: admin,
        submission: { changesInPlace: 'removes the term: a repeat finds nothing to remove' },
      },
      { route: 'GET /api/oruk', request: (a) => a.get('/api/oruk'), expect: everyone },
      {
        route: 'GET /api/openactive/:place/session-series',
        request: (a) => a.get(`/api/openactive/calderbrook/session-series`),
        expect: everyone,
      },
      { route: 'GET /api/oruk/:place', request: (a) => a.get(api), expect: everyone },
      { route: 'GET /api/oruk/:place/', request: (a) => a.get(`${api}/`), expect: everyone },
      { route: 'GET /api/oruk/:place/services', request: (a) => a.get(`${api}/services`), expect: everyone },
      {
        route: 'GET /api/oruk/:place/deleted_services',
        request: (a) => a.get(`${api}/deleted_services`),
        expect: everyone,
      },
      {
        route: 'GET /api/oruk/:place/services/:id',
        request: (a) => a.get(`${api}/services/${service}`),
        expect: everyone,
      },
      { route: 'GET /api/oruk/:place/organizations', request: (a) => a.get(`${api}/organizations`), expect: everyone },
      {
        route: 'GET /api/oruk/:place/organizations/:id',
        request: (a) => a.get(`${api}/organizations/${mine.id}`),
        expect: everyone,
      },
      { route: 'GET /api/oruk/:place/taxonomies', request: (a) => a.get(`${api}/taxonomies`), expect: everyone },
      {
        route: 'GET /api/oruk/:place/taxonomies/:id',
        request: (a) => a.get(`${api}/taxonomies/${taxonomy!.id}`),
        expect: everyone,
      },
      {
        route: 'GET /api/oruk/:place/taxonomy_terms',
        request: (a) => a.get(`${api}/taxonomy_terms`),
        expect: everyone,
      },
      {
        route: 'GET /api/oruk/:place/taxonomy_terms/:id',
        request: (a) => a.get(`${api}/taxonomy_terms/${term!.id}`),
        expect: everyone,
      },
      {
        route: 'GET /api/oruk/:place/service_at_locations',
        request: (a) => a.get(`${api}/service_at_locations`),
        expect: everyone,
      },
      {
        route: 'GET /api/oruk/:place/service_at_locations/:id',
        request: (a) => a.get(`${api}/service_at_locations/${serviceAtLocation}`),
        expect: everyone,
      },
    ];
  },
};
