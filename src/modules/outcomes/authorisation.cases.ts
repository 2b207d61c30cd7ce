import { everyone, roles, type ActorName, type ModuleCases, type Outcome } from '../../authorisation/cases.js';
import { listingsOfOrganisations, listOrganisations } from '../directory/index.js';
import { addOutcome, createFramework, createProgramme } from './frameworks.js';
import { tellStory } from './stories.js';

/** Anyone who belongs to Calderbrook, whatever their role. */
const member = (actor: ActorName): Outcome =>
  actor === 'anonymous' ? 'sign-in' : actor === 'otherPlaceAdmin' ? 'forbidden' : 'ok';

/**
 * A draft framework with one outcome (residents may comment and endorse; officers and
 * admins build and publish), a programme, a story waiting to be read, and the reports
 * only officers and admins may see.
 */
export const outcomesCases: ModuleCases = {
  module: 'outcomes',
  async cases({ t, personIds, placeIds }) {
    const { kith } = t;
    const placeId = placeIds.calderbrook;
    const actorId = personIds.officer;
    const db = kith.db.kysely;
    const frameworkId = await createFramework(kith, {
      placeId,
      actorId,
      title: 'Authorisation framework',
      purpose: '',
      programmeId: null,
    });
    const outcomeId = await addOutcome(kith, {
      placeId,
      actorId,
      frameworkId,
      title: 'People feel less lonely',
      description: '',
    });
    const programmeId = await createProgramme(kith, {
      placeId,
      actorId,
      name: 'Authorisation programme',
      description: '',
    });
    const storyId = await tellStory(kith, {
      placeId,
      actorId: personIds.resident,
      lang: 'en',
      title: 'A story',
      body: 'What changed',
      consent: 'named',
      outcomeIds: [],
    });
    const { rows } = await listOrganisations(db, placeId, { limit: 500, offset: 0 });
    const activity = (
      await listingsOfOrganisations(
        db,
        placeId,
        rows.map((r) => r.id),
      )
    ).find((l) => l.state === 'published')!;

    const p = '/places/calderbrook';
    const f = `${p}/outcomes/frameworks/${frameworkId}`;
    const officers = roles('officer', 'admin');
    return [
      { route: 'GET /places/:place/outcomes', request: (a) => a.get(`${p}/outcomes`), expect: everyone },
      { route: 'GET /places/:place/outcomes/new', request: (a) => a.get(`${p}/outcomes/new`), expect: officers },
      { route: 'POST /places/:place/outcomes/new', request: (a) => a.post(`${p}/outcomes/new`, {}), expect: officers },
      { route: 'GET /places/:place/outcomes/frameworks/:framework', request: (a) => a.get(f), expect: everyone },
      {
        route: 'POST /places/:place/outcomes/frameworks/:framework/outcomes',
        request: (a) => a.post(`${f}/outcomes`, {}),
        expect: officers,
      },
      {
        route: 'GET /places/:place/outcomes/frameworks/:framework/outcomes/:outcome/indicators',
        request: (a) => a.get(`${f}/outcomes/${outcomeId}/indicators`),
        expect: officers,
      },
      {
        route: 'POST /places/:place/outcomes/frameworks/:framework/outcomes/:outcome/indicators',
        request: (a) => a.post(`${f}/outcomes/${outcomeId}/indicators`, {}),
        expect: officers,
      },
      {
        route: 'POST /places/:place/outcomes/frameworks/:framework/outcomes/:outcome/comments',
        request: (a) => a.post(`${f}/outcomes/${outcomeId}/comments`, {}),
        expect: member,
      },
      {
        route: 'POST /places/:place/outcomes/frameworks/:framework/outcomes/:outcome/endorse',
        request: (a) => a.post(`${f}/outcomes/${outcomeId}/endorse`),
        expect: member,
      },
      {
        route: 'POST /places/:place/outcomes/frameworks/:framework/publish',
        request: (a) => a.post(`${f}/publish`),
        expect: officers,
      },
      {
        route: 'GET /places/:place/outcomes/frameworks/:framework/links',
        request: (a) => a.get(`${f}/links?q=walk`),
        expect: officers,
      },
      {
        route: 'POST /places/:place/outcomes/frameworks/:framework/links',
        request: (a) => a.post(`${f}/links`, {}),
        expect: officers,
      },
      {
        route: 'GET /places/:place/outcomes/programmes',
        request: (a) => a.get(`${p}/outcomes/programmes`),
        expect: officers,
      },
      {
        route: 'POST /places/:place/outcomes/programmes',
        request: (a) => a.post(`${p}/outcomes/programmes`, {}),
        expect: officers,
      },
      {
        route: 'GET /places/:place/outcomes/programmes/:programme',
        request: (a) => a.get(`${p}/outcomes/programmes/${programmeId}`),
        expect: officers,
      },
      {
        route: 'POST /places/:place/outcomes/programmes/:programme',
        request: (a) => a.post(`${p}/outcomes/programmes/${programmeId}`, {}),
        expect: officers,
      },
      {
        route: 'GET /places/:place/check-in/:activity',
        request: (a) => a.get(`${p}/check-in/${activity.id}`),
        expect: member,
      },
      {
        route: 'POST /places/:place/check-in/:activity',
        request: (a) => a.post(`${p}/check-in/${activity.id}`, {}),
        expect: member,
      },
      { route: 'GET /places/:place/stories', request: (a) => a.get(`${p}/stories`), expect: everyone },
      { route: 'GET /places/:place/stories/new', request: (a) => a.get(`${p}/stories/new`), expect: member },
      { route: 'POST /places/:place/stories/new', request: (a) => a.post(`${p}/stories/new`, {}), expect: member },
      {
        route: 'GET /places/:place/stories/:story/photo',
        request: (a) => a.get(`${p}/stories/${storyId}/photo`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/stories/moderation',
        request: (a) => a.get(`${p}/stories/moderation`),
        expect: officers,
      },
      {
        route: 'POST /places/:place/stories/:story/moderate',
        request: (a) => a.post(`${p}/stories/${storyId}/moderate`, {}),
        expect: officers,
      },
      { route: 'GET /places/:place/reports', request: (a) => a.get(`${p}/reports`), expect: officers },
      { route: 'GET /places/:place/reports.csv', request: (a) => a.get(`${p}/reports.csv`), expect: officers },
      { route: 'GET /places/:place/reports.pdf', request: (a) => a.get(`${p}/reports.pdf`), expect: officers },
    ];
  },
};
