import { everyone, roles, type ActorName, type ModuleCases, type Outcome } from '../../authorisation/cases.js';
import { addOrganisationMember, listOrganisations, taxonomiesOf, termsOf } from './store.js';
import { createListing } from './listings.js';
import { listingFromForm, ListingForm } from './rules.js';

/**
 * The directory's rows. An organisation is made whose only organiser is the test's
 * organiser; another organisation has none, so an organiser who is not its member is
 * refused there like anyone else without the admin role.
 */
export const directoryCases: ModuleCases = {
  module: 'directory',
  async cases({ t, personIds, placeIds }) {
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
      { route: 'GET /places/:place/activities/:id', request: (a) => a.get(`${p}/activities/none`), expect: everyone },
      {
        route: 'GET /places/:place/activities/:id/calendar.ics',
        request: (a) => a.get(`${p}/activities/none/calendar.ics`),
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
        expect: otherOrganisation,
      },
      {
        route: 'GET /places/:place/directory/activities/:id/edit',
        request: (a) => a.get(`${p}/directory/activities/${myListing}/edit`),
        expect: ownOrganisation,
      },
      {
        route: 'POST /places/:place/directory/activities/:id/edit',
        request: (a) => a.post(`${p}/directory/activities/${theirListing}/edit`, {}),
        expect: otherOrganisation,
      },
      {
        route: 'POST /places/:place/directory/activities/:id/submit',
        request: (a) => a.post(`${p}/directory/activities/${theirListing}/submit`),
        expect: otherOrganisation,
      },
      {
        route: 'POST /places/:place/directory/activities/:id/confirm',
        request: (a) => a.post(`${p}/directory/activities/${myListing}/confirm`),
        expect: ownOrganisation,
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
        expect: admin,
      },
      {
        route: 'GET /places/:place/directory/organisations',
        request: (a) => a.get(`${p}/directory/organisations`),
        expect: admin,
      },
      {
        route: 'POST /places/:place/directory/organisations',
        request: (a) => a.post(`${p}/directory/organisations`, {}),
        expect: admin,
      },
      {
        route: 'GET /places/:place/directory/organisations/:org',
        request: (a) => a.get(`${p}/directory/organisations/${mine.id}`),
        expect: admin,
      },
      {
        route: 'POST /places/:place/directory/organisations/:org',
        request: (a) => a.post(`${p}/directory/organisations/${mine.id}`, {}),
        expect: admin,
      },
      {
        route: 'POST /places/:place/directory/organisations/:org/organisers',
        request: (a) => a.post(`${p}/directory/organisations/${mine.id}/organisers`, {}),
        expect: admin,
      },
      {
        route: 'POST /places/:place/directory/organisations/:org/organisers/:person/remove',
        request: (a) => a.post(`${p}/directory/organisations/${theirs.id}/organisers/${personIds.resident}/remove`),
        expect: admin,
      },
      {
        route: 'GET /places/:place/directory/taxonomy',
        request: (a) => a.get(`${p}/directory/taxonomy`),
        expect: admin,
      },
      {
        route: 'POST /places/:place/directory/taxonomy',
        request: (a) => a.post(`${p}/directory/taxonomy`, {}),
        expect: admin,
      },
      {
        route: 'GET /places/:place/directory/taxonomy/:term',
        request: (a) => a.get(`${p}/directory/taxonomy/${term!.id}`),
        expect: admin,
      },
      {
        route: 'POST /places/:place/directory/taxonomy/:term',
        request: (a) => a.post(`${p}/directory/taxonomy/${term!.id}`, {}),
        expect: admin,
      },
      {
        route: 'POST /places/:place/directory/taxonomy/:term/remove',
        request: (a) => a.post(`${p}/directory/taxonomy/none/remove`),
        expect: admin,
      },
      { route: 'GET /api/oruk', request: (a) => a.get('/api/oruk'), expect: everyone },
      { route: 'GET /api/oruk/:place', request: (a) => a.get(api), expect: everyone },
      { route: 'GET /api/oruk/:place/', request: (a) => a.get(`${api}/`), expect: everyone },
      { route: 'GET /api/oruk/:place/services', request: (a) => a.get(`${api}/services`), expect: everyone },
      {
        route: 'GET /api/oruk/:place/services/:id',
        request: (a) => a.get(`${api}/services/${myListing}`),
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
        request: (a) => a.get(`${api}/service_at_locations/none`),
        expect: everyone,
      },
    ];
  },
};
