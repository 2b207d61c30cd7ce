import { everyone, roles, type ActorName, type ModuleCases, type Outcome } from '../../authorisation/cases.js';
import { insertNomination } from './acv-store.js';
import { insertAsset, insertSkill } from './store.js';

/**
 * The asset map's rows. The test's resident added a public building (nominated, so it
 * cannot be removed and the remove row changes nothing) and owns two skills.
 */
export const assetsCases: ModuleCases = {
  module: 'assets',
  async cases({ t, personIds, placeIds }) {
    const db = t.kith.db.kysely;
    const placeId = placeIds.calderbrook;
    const assetId = await insertAsset(db, {
      placeId,
      kind: 'physical',
      name: 'Authorisation test hall',
      description: 'For the authorisation table',
      organisationId: null,
      postcode: null,
      latitude: null,
      longitude: null,
      visibility: 'public',
      addedBy: personIds.resident,
    });
    const acvId = await insertNomination(db, {
      placeId,
      assetId,
      organisationId: 'none',
      organisationName: 'Test group',
      nominatedBy: personIds.admin,
      nominatedOn: '2026-01-05',
      reasons: 'For the table',
    });
    const skill = (description: string) =>
      insertSkill(db, {
        placeId,
        personId: personIds.resident,
        kind: 'skill',
        description,
        category: null,
        visibility: 'members',
      });
    const skillId = await skill('Authorisation test skill');
    const removableSkillId = await skill('Authorisation test skill to remove');
    const p = '/places/calderbrook/assets';
    const members = roles('resident', 'organiser', 'coordinator', 'link_worker', 'partner', 'officer', 'admin');
    // Whoever added an asset, and the place's coordinators and admins.
    const changers = roles('resident', 'coordinator', 'admin');
    const nominators = roles('organiser', 'coordinator', 'admin');
    const council = roles('admin', 'officer');
    // A skill is its owner's alone: to any other member it is "not found" (answered as
    // 'ok' here, not 'forbidden', so nobody learns it exists); non-members are refused.
    const skillOwner = (actor: ActorName): Outcome => members(actor);
    const rows = [
      { route: 'GET /assets', request: (a) => a.get('/assets'), expect: everyone },
      {
        route: 'GET /places/:place/assets',
        request: (a) => a.get(`${p}?postcode=KL1%201AA&distance=2&kind=physical`),
        expect: everyone,
      },
      { route: 'GET /places/:place/assets/export.csv', request: (a) => a.get(`${p}/export.csv`), expect: everyone },
      {
        route: 'GET /places/:place/assets/export.geojson',
        request: (a) => a.get(`${p}/export.geojson`),
        expect: everyone,
      },
      { route: 'GET /places/:place/assets/new', request: (a) => a.get(`${p}/new`), expect: members },
      { route: 'POST /places/:place/assets/new', request: (a) => a.post(`${p}/new`, {}), expect: members },
      { route: 'GET /places/:place/assets/:id', request: (a) => a.get(`${p}/${assetId}`), expect: everyone },
      { route: 'GET /places/:place/assets/:id/edit', request: (a) => a.get(`${p}/${assetId}/edit`), expect: changers },
      {
        route: 'POST /places/:place/assets/:id/edit',
        request: (a) => a.post(`${p}/${assetId}/edit`, {}),
        expect: changers,
      },
      {
        route: 'POST /places/:place/assets/:id/remove',
        request: (a) => a.post(`${p}/${assetId}/remove`),
        expect: changers,
      },
      { route: 'GET /places/:place/assets/skills', request: (a) => a.get(`${p}/skills`), expect: members },
      { route: 'POST /places/:place/assets/skills', request: (a) => a.post(`${p}/skills`, {}), expect: members },
      {
        route: 'GET /places/:place/assets/skills/:id/edit',
        request: (a) => a.get(`${p}/skills/${skillId}/edit`),
        expect: skillOwner,
      },
      {
        route: 'POST /places/:place/assets/skills/:id/edit',
        request: (a) => a.post(`${p}/skills/${skillId}/edit`, {}),
        expect: skillOwner,
      },
      {
        route: 'POST /places/:place/assets/skills/:id/remove',
        request: (a) => a.post(`${p}/skills/${removableSkillId}/remove`),
        expect: skillOwner,
      },
      {
        route: 'GET /places/:place/assets/community-value',
        request: (a) => a.get(`${p}/community-value`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/assets/community-value/nominate',
        request: (a) => a.get(`${p}/community-value/nominate`),
        expect: nominators,
      },
      {
        route: 'POST /places/:place/assets/community-value/nominate',
        request: (a) => a.post(`${p}/community-value/nominate`, {}),
        expect: nominators,
      },
    ] satisfies Awaited<ReturnType<ModuleCases['cases']>>;
    for (const step of ['decision', 'notice', 'bidder', 'removal']) {
      rows.push(
        {
          route: `GET /places/:place/assets/community-value/:id/${step}`,
          request: (a) => a.get(`${p}/community-value/${acvId}/${step}`),
          expect: council,
        },
        {
          route: `POST /places/:place/assets/community-value/:id/${step}`,
          request: (a) => a.post(`${p}/community-value/${acvId}/${step}`, {}),
          expect: council,
        },
      );
    }
    return rows;
  },
};
