/**
 * The directory's organisation, taxonomy and listing-reading stores, called directly on
 * the database the suite runs against (SQLite or PostgreSQL): what an organisation and
 * its organisers read back as, how a place's vocabularies and terms are kept, a listing
 * read back with all its parts, and that one place never reads another's rows. The pages
 * are tested in directory.test.ts and admin.test.ts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestKith, type TestKith } from '../../testing.js';
import { insertPerson } from '../people/index.js';
import { insertPlace } from '../places/index.js';
import type { ListingInput, OrganisationInput } from './inputs.js';
import { loadListings, partsOf } from './listings-read-store.js';
import { writeListing } from './listings-store.js';
import {
  addOrganisationMember,
  deleteMembershipsOf,
  findOrganisation,
  findOrganisationByName,
  findOrganisationBySource,
  insertOrganisation,
  isOrganisationMember,
  listOrganisations,
  membershipsOf,
  organisationIdsOf,
  organisationsByIds,
  organisersOf,
  listingCounts,
  removeOrganisationMember,
  updateOrganisation,
} from './organisations-store.js';
import {
  activityIdsWithTerm,
  deleteTerm,
  ensureShippedTaxonomies,
  findTaxonomy,
  findTerm,
  insertTerm,
  taxonomiesOf,
  termsOf,
  updateTerm,
} from './taxonomy-store.js';
import { SHIPPED_TAXONOMIES } from './taxonomy.js';

let t: TestKith;
let here: string;
let elsewhere: string;
const db = () => t.kith.db.kysely;

before(async () => {
  t = await startTestKith();
  here = (await insertPlace(db(), { slug: 'abermor', name: 'Abermor' })).id;
  elsewhere = (await insertPlace(db(), { slug: 'glanafon', name: 'Glanafon' })).id;
});
after(() => t.close());

const person = async (name: string, language: 'en' | 'cy' = 'en') =>
  (
    await insertPerson(db(), {
      name,
      email: `${randomUUID()}@test.example`,
      passwordHash: null,
      language,
      emailConfirmed: true,
    })
  ).id;

const organisation = (name: string, fields: Partial<OrganisationInput> = {}, placeId = here) =>
  insertOrganisation(db(), placeId, {
    name,
    description: '',
    kind: 'community_group',
    email: null,
    website: null,
    phone: null,
    charityNumber: null,
    companyNumber: null,
    ...fields,
  });

const listing = (name: string, fields: Partial<ListingInput> = {}): ListingInput => ({
  name,
  description: `About ${name}`,
  howToJoin: 'Just turn up',
  whoFor: 'Everyone',
  url: null,
  email: null,
  phone: null,
  status: 'active',
  alert: null,
  minimumAge: null,
  maximumAge: null,
  costs: [],
  schedules: [],
  locations: [],
  languages: [],
  termIds: [],
  contacts: [],
  ...fields,
});

describe('organisations', () => {
  test('an organisation reads back as entered, is changed only in its own place, and is found by its import id', async () => {
    const made = await insertOrganisation(
      db(),
      here,
      {
        name: 'Abermor Men’s Shed',
        description: 'Woodwork and tea',
        kind: 'charity',
        email: 'shed@example.org',
        website: 'https://shed.example.org',
        phone: '01234 000111',
        charityNumber: '1234567',
        companyNumber: null,
      },
      { source: 'oruk:county', externalId: 'org-17' },
    );
    const stored = (await findOrganisation(db(), here, made.id))!;
    assert.deepEqual(stored, made);
    assert.equal(stored.name, 'Abermor Men’s Shed');
    assert.equal(stored.kind, 'charity');
    assert.equal(stored.charityNumber, '1234567');
    assert.equal(stored.website, 'https://shed.example.org');
    assert.equal((await findOrganisationBySource(db(), here, 'oruk:county', 'org-17'))!.id, made.id);
    assert.equal(await findOrganisationBySource(db(), elsewhere, 'oruk:county', 'org-17'), undefined);
    assert.equal(await findOrganisationBySource(db(), here, 'oruk:other', 'org-17'), undefined);
    assert.equal(await findOrganisation(db(), elsewhere, made.id), undefined);

    const change = { ...made, name: 'Abermor Shed', companyNumber: 'SC123456' };
    await updateOrganisation(db(), elsewhere, made.id, { ...change, name: 'Hijacked' });
    assert.equal((await findOrganisation(db(), here, made.id))!.name, 'Abermor Men’s Shed');
    await updateOrganisation(db(), here, made.id, change);
    const updated = (await findOrganisation(db(), here, made.id))!;
    assert.equal(updated.name, 'Abermor Shed');
    assert.equal(updated.companyNumber, 'SC123456');
    assert.equal(updated.createdAt, made.createdAt);
  });

  test('organisations list by name a page at a time, and search every word in the name or description', async () => {
    const place = (await insertPlace(db(), { slug: 'list-place', name: 'List place' })).id;
    const choir = await organisation('Choir of the Valley', { description: 'Singing on Tuesdays' }, place);
    const bowls = await organisation('Bowls Club', { description: 'Outdoor green' }, place);
    const allotment = await organisation('Allotment Society', { description: 'Growing and singing' }, place);
    await organisation('Choir Elsewhere', {}, elsewhere);

    const all = await listOrganisations(db(), place, { limit: 2, offset: 0 });
    assert.deepEqual(
      all.rows.map((o) => o.name),
      ['Allotment Society', 'Bowls Club'],
    );
    assert.equal(all.total, 3);
    assert.deepEqual(
      (await listOrganisations(db(), place, { limit: 2, offset: 2 })).rows.map((o) => o.id),
      [choir.id],
    );
    const singing = await listOrganisations(db(), place, { limit: 10, offset: 0, words: ['singing'] });
    assert.deepEqual(
      singing.rows.map((o) => o.id),
      [allotment.id, choir.id],
    );
    assert.equal(singing.total, 2);
    assert.deepEqual(
      (await listOrganisations(db(), place, { limit: 10, offset: 0, words: ['choir', 'tuesdays'] })).rows.map(
        (o) => o.id,
      ),
      [choir.id],
    );
    assert.deepEqual(await listOrganisations(db(), place, { limit: 10, offset: 0, ids: [] }), { rows: [], total: 0 });
    assert.deepEqual(
      (await listOrganisations(db(), place, { limit: 10, offset: 0, ids: [bowls.id, choir.id] })).rows.map((o) => o.id),
      [bowls.id, choir.id],
    );

    const byIds = await organisationsByIds(db(), place, [bowls.id, bowls.id, choir.id]);
    assert.deepEqual([...byIds.keys()].sort(), [bowls.id, choir.id].sort());
    assert.equal((await organisationsByIds(db(), elsewhere, [bowls.id])).size, 0);

    const first = await organisation('Twin Name', { description: 'first' }, place);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await organisation('Twin Name', { description: 'second' }, place);
    assert.equal((await findOrganisationByName(db(), place, 'Twin Name'))!.id, first.id);
    assert.equal(await findOrganisationByName(db(), elsewhere, 'Twin Name'), undefined);
  });

  test('organisers are listed by name and only for their own organisation in their own place', async () => {
    const org = await organisation('Repair Café');
    const other = await organisation('Other Group');
    const zed = await person('Zed Organiser');
    const ann = await person('Ann Organiser', 'cy');
    const adder = await person('Admin Adder');
    assert.equal(
      await addOrganisationMember(db(), { placeId: here, organisationId: org.id, personId: zed, addedBy: adder }),
      true,
    );
    assert.equal(
      await addOrganisationMember(db(), { placeId: here, organisationId: org.id, personId: zed, addedBy: adder }),
      false,
    );
    assert.equal(
      await addOrganisationMember(db(), { placeId: here, organisationId: org.id, personId: ann, addedBy: null }),
      true,
    );
    assert.equal(
      await addOrganisationMember(db(), { placeId: here, organisationId: other.id, personId: ann, addedBy: null }),
      true,
    );

    assert.deepEqual(
      (await organisersOf(db(), here, org.id)).map((o) => [o.id, o.name, o.language]),
      [
        [ann, 'Ann Organiser', 'cy'],
        [zed, 'Zed Organiser', 'en'],
      ],
    );
    assert.deepEqual(await organisersOf(db(), elsewhere, org.id), []);
    assert.equal(await isOrganisationMember(db(), here, org.id, zed), true);
    assert.equal(await isOrganisationMember(db(), here, other.id, zed), false);
    assert.equal(await isOrganisationMember(db(), elsewhere, org.id, zed), false);
    assert.equal(await isOrganisationMember(db(), here, org.id, null), false);
    assert.deepEqual((await organisationIdsOf(db(), here, ann)).sort(), [org.id, other.id].sort());
    assert.deepEqual(await organisationIdsOf(db(), elsewhere, ann), []);
    assert.deepEqual((await membershipsOf(db(), ann)).map((m) => m.name).sort(), ['Other Group', 'Repair Café']);

    assert.equal(await removeOrganisationMember(db(), elsewhere, org.id, zed), false);
    assert.equal(await removeOrganisationMember(db(), here, org.id, zed), true);
    assert.equal(await isOrganisationMember(db(), here, org.id, zed), false);

    const { id: listingId } = await writeListing(db(), {
      placeId: here,
      organisationId: org.id,
      input: listing('Fix-it evening'),
      state: 'draft',
      actorId: ann,
    });
    await deleteMembershipsOf(db(), ann);
    assert.deepEqual(await organisationIdsOf(db(), here, ann), []);
    assert.deepEqual(await membershipsOf(db(), ann), []);
    const [kept] = await loadListings(db(), here, [listingId]);
    assert.equal(kept!.activity.name, 'Fix-it evening', 'their listings stay');
    assert.equal(kept!.activity.createdBy, null, 'no longer saying who wrote them');
  });

  test("the organisations page counts each organisation's listings in this place", async () => {
    const busy = await organisation('Busy Group');
    const quiet = await organisation('Quiet Group');
    const write = (organisationId: string, name: string) =>
      writeListing(db(), { placeId: here, organisationId, input: listing(name), state: 'published', actorId: null });
    await write(busy.id, 'Monday club');
    await write(busy.id, 'Friday club');
    await write(quiet.id, 'Sunday club');
    const counts = await listingCounts(db(), here, [busy.id, quiet.id]);
    assert.equal(counts.get(busy.id), 2);
    assert.equal(counts.get(quiet.id), 1);
    assert.equal((await listingCounts(db(), elsewhere, [busy.id])).size, 0);
    assert.equal((await listingCounts(db(), here, [])).size, 0);
  });
});

describe('taxonomies and terms', () => {
  test("a place's shipped vocabularies are added once, with their terms in order, and found by id or key", async () => {
    const place = (await insertPlace(db(), { slug: 'taxonomy-place', name: 'Taxonomy place' })).id;
    await ensureShippedTaxonomies(db(), place, SHIPPED_TAXONOMIES);
    await ensureShippedTaxonomies(db(), place, SHIPPED_TAXONOMIES);
    const taxonomies = await taxonomiesOf(db(), place);
    assert.deepEqual(
      taxonomies.map((x) => x.key),
      SHIPPED_TAXONOMIES.map((x) => x.key)
        .sort()
        .reverse(),
    );
    const terms = await termsOf(db(), place);
    assert.equal(
      terms.length,
      SHIPPED_TAXONOMIES.reduce((n, x) => n + x.terms.length, 0),
      'ensuring twice adds nothing the second time',
    );
    const shipped = SHIPPED_TAXONOMIES[0]!;
    const taxonomy = (await findTaxonomy(db(), place, shipped.key))!;
    assert.equal(taxonomy.name, shipped.name);
    assert.equal(taxonomy.nameCy, shipped.nameCy);
    assert.equal(taxonomy.version, '1');
    assert.deepEqual(await findTaxonomy(db(), place, taxonomy.id), taxonomy);
    assert.equal(await findTaxonomy(db(), elsewhere, taxonomy.id), undefined);
    assert.deepEqual(
      terms.filter((x) => x.taxonomyId === taxonomy.id).map((x) => [x.code, x.term, x.termCy, x.position]),
      shipped.terms.map((x, i) => [x.code, x.term, x.termCy, i]),
    );
    assert.deepEqual(await termsOf(db(), elsewhere), []);
  });

  test('a term added, renamed and deleted takes its place on listings with it', async () => {
    const place = (await insertPlace(db(), { slug: 'term-place', name: 'Term place' })).id;
    await ensureShippedTaxonomies(db(), place, SHIPPED_TAXONOMIES);
    const taxonomy = (await taxonomiesOf(db(), place))[0]!;
    const term = await insertTerm(db(), {
      placeId: place,
      taxonomyId: taxonomy.id,
      parentId: null,
      code: 'local-gardening',
      term: 'Gardening',
      termCy: 'Garddio',
      description: 'Growing things',
      descriptionCy: null,
      position: 999,
    });
    assert.deepEqual(await findTerm(db(), place, term.id), term);
    assert.equal(await findTerm(db(), elsewhere, term.id), undefined);
    assert.equal((await termsOf(db(), place)).filter((x) => x.taxonomyId === taxonomy.id).at(-1)!.id, term.id);

    const org = await organisation('Garden Group', {}, place);
    const { id: listingId } = await writeListing(db(), {
      placeId: place,
      organisationId: org.id,
      input: listing('Community garden', { termIds: [term.id, term.id] }),
      state: 'published',
      actorId: null,
    });
    assert.deepEqual(await activityIdsWithTerm(db(), place, term.id), [listingId]);
    assert.deepEqual(await activityIdsWithTerm(db(), elsewhere, term.id), []);

    await updateTerm(db(), elsewhere, term.id, { term: 'Hijacked', termCy: null, description: '' });
    await updateTerm(db(), place, term.id, {
      term: 'Gardening together',
      termCy: 'Garddio gyda’n gilydd',
      description: '',
    });
    const [withTerm] = await loadListings(db(), place, [listingId]);
    assert.deepEqual(
      withTerm!.attributes.map((a) => [a.term.term, a.term.termCy, a.taxonomy.key]),
      [['Gardening together', 'Garddio gyda’n gilydd', taxonomy.key]],
    );

    await deleteTerm(db(), elsewhere, term.id);
    assert.ok(await findTerm(db(), place, term.id), "another place cannot delete a place's term");
    await deleteTerm(db(), place, term.id);
    assert.equal(await findTerm(db(), place, term.id), undefined);
    assert.deepEqual(await activityIdsWithTerm(db(), place, term.id), []);
    assert.deepEqual((await loadListings(db(), place, [listingId]))[0]!.attributes, []);
  });
});

describe('reading listings', () => {
  test('listings read back with every part, in the order asked for, and only from their own place', async () => {
    const org = await organisation('Reading Group');
    const theirs = await organisation('Their Group', {}, elsewhere);
    const hall = {
      name: 'Church Hall',
      address1: '1 Chapel Street',
      city: 'Abermor',
      region: 'Ceredigion',
      postcode: 'SY23 1AA',
      latitude: 52.41,
      longitude: -4.08,
      accessibility: 'Step-free',
    };
    const weekly = (opensAt: string, closesAt: string, byday: string) => ({
      freq: 'WEEKLY' as const,
      interval: 1,
      byday,
      bymonthday: null,
      dtstart: null,
      validFrom: null,
      validTo: null,
      opensAt,
      closesAt,
      notes: null,
    });
    const { id: full } = await writeListing(db(), {
      placeId: here,
      organisationId: org.id,
      input: listing('Book club', {
        costs: [{ kind: 'amount', amountPence: 250, option: 'Per session', amountDescription: 'Tea included' }],
        schedules: [weekly('18:00', '19:30', 'TH'), weekly('10:00', '11:30', 'MO')],
        locations: [hall],
        languages: ['cy', 'en', 'cy'],
        contacts: [{ name: 'Mair', title: 'Secretary', email: 'mair@example.org', phone: null }],
      }),
      state: 'published',
      actorId: null,
    });
    const { id: bare } = await writeListing(db(), {
      placeId: here,
      organisationId: org.id,
      input: listing('Quiet reading'),
      state: 'published',
      actorId: null,
    });
    const { id: foreign } = await writeListing(db(), {
      placeId: elsewhere,
      organisationId: theirs.id,
      input: listing('Their reading'),
      state: 'published',
      actorId: null,
    });

    const listings = await loadListings(db(), here, [bare, 'no-such-listing', full, foreign]);
    assert.deepEqual(
      listings.map((l) => l.activity.id),
      [bare, full],
    );
    const book = listings[1]!;
    assert.equal(book.organisation.name, 'Reading Group');
    assert.equal(book.activity.howToJoin, 'Just turn up');
    assert.equal(book.activity.isFree, false);
    assert.deepEqual(
      book.schedules.map((s) => [s.opensAt, s.closesAt, s.byday, s.weekdays]),
      [
        ['10:00', '11:30', 'MO', 'MO'],
        ['18:00', '19:30', 'TH', 'TH'],
      ],
    );
    assert.deepEqual(
      book.costs.map((c) => [c.kind, c.amountPence, c.option, c.amountDescription]),
      [['amount', 250, 'Per session', 'Tea included']],
    );
    assert.deepEqual(book.languages, ['cy', 'en']);
    assert.deepEqual(
      book.contacts.map((c) => [c.name, c.title, c.email, c.phone]),
      [['Mair', 'Secretary', 'mair@example.org', null]],
    );
    assert.equal(book.locations.length, 1);
    const [location] = book.locations;
    assert.deepEqual(
      [location!.name, location!.address1, location!.postcode, location!.latitude, location!.longitude],
      ['Church Hall', '1 Chapel Street', 'SY23 1AA', 52.41, -4.08],
    );
    const bareListing = listings[0]!;
    assert.deepEqual(
      [bareListing.schedules, bareListing.costs, bareListing.contacts, bareListing.languages, bareListing.locations],
      [[], [], [], [], []],
    );

    const parts = await partsOf(db(), elsewhere, [full]);
    assert.deepEqual(parts, { schedules: [], costs: [], contacts: [], languages: [], attributes: [], locations: [] });
    assert.deepEqual(await loadListings(db(), here, []), []);
    assert.deepEqual(
      (await loadListings(db(), elsewhere, [foreign, full])).map((l) => l.activity.name),
      ['Their reading'],
    );
  });
});
