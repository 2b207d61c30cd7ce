import {
  invalidInput,
  everyone,
  roles,
  type ActorName,
  type AuthorisationCase,
  type ModuleCases,
} from '../../authorisation/cases.js';
import { addFollowUp, ensureLibrary, submitCase } from './library.js';
import { CaseInput } from './inputs.js';

const term = {
  term: 'Community chest',
  termCy: 'Cist gymunedol',
  definition: 'A small pot of money residents decide how to spend.',
  definitionCy: 'Pot bach o arian y mae trigolion yn penderfynu sut i’w wario.',
};

const caseFields = {
  title: 'Street suppers',
  location: 'Hebden Bridge',
  area: 'yorkshire',
  typologies: 'befriending-helping',
  summary: 'Neighbours cook for each other once a month.',
  tried: 'A monthly supper in a different house.',
  whoTookPart: 'Twenty neighbours.',
  whatWorked: 'People met neighbours they had never spoken to.',
  whatDidNot: 'Hosts burnt out by month four: share the cooking.',
  costBand: 'under-10k',
  evidenceLevel: '1',
};

/**
 * The glossary, cases and guides are public; organisers, officers and admins submit
 * cases and follow-ups; admins moderate and edit the glossary; a case waiting for
 * review is its submitter's and the admins'.
 */
export const libraryCases: ModuleCases = {
  module: 'library',
  async cases({ t, placeIds, personIds }) {
    const { kith } = t;
    const placeId = placeIds.calderbrook;
    await ensureLibrary(kith, placeId);
    const seed = await kith.db.kysely
      .selectFrom('library_cases')
      .select('id')
      .where('place_id', '=', placeId)
      .where('origin_key', '=', 'seed:spice-time-credits')
      .executeTakeFirstOrThrow();
    const waiting = await submitCase(kith, {
      placeId,
      actorId: personIds.organiser,
      fields: CaseInput.parse(caseFields),
      publish: false,
    });
    const followUp = await addFollowUp(kith, {
      placeId,
      actorId: personIds.officer,
      caseId: seed.id,
      location: 'Hebden',
      whatHappened: 'We tried credits at the library.',
      whatDifferently: 'Ask volunteers first.',
    });
    const submitters = roles('organiser', 'officer', 'admin');
    const ownerOrAdmin = roles('organiser', 'admin');
    const hiddenUnlessOwner = (actor: ActorName) =>
      actor === 'organiser' || actor === 'admin' ? ('ok' as const) : ('not-found' as const);
    const base = '/places/calderbrook/library';
    const admin = roles('admin');
    const rows: AuthorisationCase[] = [
      { route: 'GET /places/:place/library/glossary', request: (a) => a.get(`${base}/glossary`), expect: everyone },
      {
        route: 'GET /places/:place/library/glossary/:term',
        request: (a) => a.get(`${base}/glossary/co-production`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/library/glossary/new',
        request: (a) => a.get(`${base}/glossary/new`),
        expect: admin,
      },
      {
        route: 'POST /places/:place/library/glossary/new',
        request: (a) => a.post(`${base}/glossary/new`, {}),
        expect: invalidInput(admin),
        submission: {
          creates: { as: 'admin', fields: { key: 'community-chest', ...term }, table: 'library_terms' },
        },
      },
      {
        route: 'GET /places/:place/library/glossary/:term/edit',
        request: (a) => a.get(`${base}/glossary/outcomes/edit`),
        expect: admin,
      },
      {
        route: 'POST /places/:place/library/glossary/:term/edit',
        request: (a) => a.post(`${base}/glossary/outcomes/edit`, {}),
        expect: invalidInput(admin),
        submission: { changesInPlace: 'sets the term’s words; a repeat sets the same words' },
      },
      {
        route: 'GET /places/:place/library',
        request: (a) => a.get(`${base}?q=time+credits&evidence=2`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/library/cases/:case',
        request: (a) => a.get(`${base}/cases/${seed.id}`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/library/cases/:case/versions',
        request: (a) => a.get(`${base}/cases/${waiting}/versions`),
        expect: hiddenUnlessOwner,
      },
      { route: 'GET /places/:place/library/new', request: (a) => a.get(`${base}/new`), expect: submitters },
      {
        route: 'POST /places/:place/library/new',
        request: (a) => a.post(`${base}/new`, {}),
        expect: invalidInput(submitters),
        submission: { creates: { as: 'officer', fields: caseFields, table: 'library_cases' } },
      },
      {
        route: 'GET /places/:place/library/cases/:case/edit',
        request: (a) => a.get(`${base}/cases/${waiting}/edit`),
        expect: ownerOrAdmin,
      },
      {
        route: 'POST /places/:place/library/cases/:case/edit',
        request: (a) => a.post(`${base}/cases/${waiting}/edit`, {}),
        expect: invalidInput(ownerOrAdmin),
        submission: {
          changesInPlace: 'writes the case’s fields as its next version; the form’s key makes a repeat the same change',
        },
      },
      { route: 'GET /places/:place/library/moderation', request: (a) => a.get(`${base}/moderation`), expect: admin },
      {
        route: 'POST /places/:place/library/cases/:case/moderate',
        request: (a) => a.post(`${base}/cases/${waiting}/moderate`, {}),
        expect: invalidInput(admin),
        submission: { changesInPlace: 'sets the case to published or sent back; a repeat finds it already so' },
      },
      {
        route: 'POST /places/:place/library/cases/:case/follow-ups',
        request: (a) => a.post(`${base}/cases/${seed.id}/follow-ups`, {}),
        expect: invalidInput(submitters),
        submission: {
          creates: {
            as: 'organiser',
            fields: { location: 'Hebden', whatHappened: 'It worked.', whatDifferently: 'Start sooner.' },
            table: 'library_follow_ups',
          },
        },
      },
      {
        route: 'POST /places/:place/library/follow-ups/:followUp/hide',
        request: (a) => a.post(`${base}/follow-ups/${followUp}/hide`, {}),
        expect: admin,
        submission: { changesInPlace: 'hides the follow-up; hiding it again changes nothing' },
      },
      { route: 'GET /places/:place/library/guides', request: (a) => a.get(`${base}/guides`), expect: everyone },
      {
        route: 'GET /places/:place/library/guides/:guide',
        request: (a) => a.get(`${base}/guides/asset-mapping`),
        expect: everyone,
      },
      { route: 'GET /places/:place/library/cases.json', request: (a) => a.get(`${base}/cases.json`), expect: everyone },
      { route: 'GET /places/:place/library/cases.csv', request: (a) => a.get(`${base}/cases.csv`), expect: everyone },
      { route: 'GET /places/:place/library/schema', request: (a) => a.get(`${base}/schema`), expect: everyone },
    ];
    return rows;
  },
};
