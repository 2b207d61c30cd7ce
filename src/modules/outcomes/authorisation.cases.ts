import {
  invalidInput,
  everyone,
  roles,
  type ActorName,
  type AuthorisationCase,
  type ModuleCases,
  type Outcome,
} from '../../authorisation/cases.js';
import {
  addOrganisationMember,
  isOrganisationMember,
  listingsOfOrganisations,
  listOrganisations,
} from '../directory/index.js';
import { quarterOf, shiftQuarter, todayInPlace } from '../../platform/dates.js';
import {
  addIndicator,
  addOutcome,
  addToProgramme,
  createFramework,
  createProgramme,
  endorse,
  linkActivities,
  publish,
  suggest,
} from './frameworks.js';
import { tellStory } from './stories.js';
import { jpegWithExif } from './test-support.js';

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
      residentsPerOutcome: 3,
      residentShare: 33,
    });
    const outcomeId = await addOutcome(kith, {
      placeId,
      actorId,
      frameworkId,
      title: 'People feel less lonely',
      description: '',
    });
    const outcomeSuggestion = await suggest(kith, {
      placeId,
      actorId: personIds.resident,
      frameworkId,
      outcomeId: null,
      title: 'People know their neighbours',
      description: '',
    });
    const indicatorSuggestion = await suggest(kith, {
      placeId,
      actorId: personIds.resident,
      frameworkId,
      outcomeId,
      title: 'People say hello in the street',
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
      photo: { type: 'image/jpeg', bytes: jpegWithExif(), alt: 'People on a walk' },
    });
    const { rows: organisations } = await listOrganisations(db, placeId, { limit: 500, offset: 0 });
    const activity = (
      await listingsOfOrganisations(
        db,
        placeId,
        organisations.map((r) => r.id),
      )
    ).find((l) => l.state === 'published')!;

    // A published framework whose outcome asks a check-in question at the activity:
    // without one, an activity has no check-in to answer (not found).
    const asked = await createFramework(kith, {
      placeId,
      actorId,
      title: 'Check-in framework',
      purpose: '',
      programmeId: null,
      residentsPerOutcome: 1,
      residentShare: 33,
    });
    const askedOutcome = await addOutcome(kith, {
      placeId,
      actorId,
      frameworkId: asked,
      title: 'People feel connected',
      description: '',
    });
    const questionId = await addIndicator(kith, {
      placeId,
      actorId,
      outcomeId: askedOutcome,
      input: {
        title: 'Feeling connected',
        measureKind: 'checkin',
        question: 'How connected do you feel today?',
        questionCy: '',
        scaleMin: 1,
        scaleMax: 5,
      },
    });
    await linkActivities(kith, {
      placeId,
      actorId,
      frameworkId: asked,
      outcomeId: askedOutcome,
      activityIds: [activity.id],
    });
    // Published only once a resident has endorsed its outcome.
    await endorse(kith, { placeId, actorId: personIds.resident, outcomeId: askedOutcome });
    await publish(kith, { placeId, actorId, frameworkId: asked });

    // A funded programme with an activity of the organiser's own organisation and one of
    // another's: an organiser files and reads only their own organisation's return.
    const published = (
      await listingsOfOrganisations(
        db,
        placeId,
        organisations.map((r) => r.id),
      )
    ).filter((l) => l.state === 'published');
    const mineListing = published[0]!;
    await addOrganisationMember(db, {
      placeId,
      organisationId: mineListing.organisationId,
      personId: personIds.organiser,
      addedBy: null,
    });
    let theirsListing = mineListing;
    for (const l of published)
      if (!(await isOrganisationMember(db, placeId, l.organisationId, personIds.organiser))) {
        theirsListing = l;
        break;
      }
    const funded = await createProgramme(kith, { placeId, actorId, name: 'Authorisation fund', description: '' });
    await addToProgramme(kith, {
      placeId,
      actorId,
      programmeId: funded,
      activityIds: [mineListing.id, theirsListing.id],
    });
    const quarter = shiftQuarter(quarterOf(todayInPlace()), -1);

    const p = '/places/calderbrook';
    const myReturn = `${p}/returns/${funded}/${mineListing.organisationId}/${quarter}`;
    const theirReturn = `${p}/returns/${funded}/${theirsListing.organisationId}/${quarter}`;
    const f = `${p}/outcomes/frameworks/${frameworkId}`;
    const officers = roles('officer', 'admin');
    const rows: AuthorisationCase[] = [
      { route: 'GET /places/:place/outcomes', request: (a) => a.get(`${p}/outcomes`), expect: everyone },
      { route: 'GET /places/:place/outcomes/new', request: (a) => a.get(`${p}/outcomes/new`), expect: officers },
      {
        route: 'POST /places/:place/outcomes/new',
        request: (a) => a.post(`${p}/outcomes/new`, {}),
        expect: invalidInput(officers),
        submission: {
          creates: {
            as: 'officer',
            fields: { title: 'Healthy ageing', purpose: 'What older residents told us matters', programme: '' },
            table: 'outcomes_frameworks',
          },
        },
      },
      { route: 'GET /places/:place/outcomes/frameworks/:framework', request: (a) => a.get(f), expect: everyone },
      {
        route: 'POST /places/:place/outcomes/frameworks/:framework/outcomes',
        request: (a) => a.post(`${f}/outcomes`, {}),
        expect: invalidInput(officers),
        submission: {
          creates: {
            as: 'officer',
            fields: { title: 'People stay active for longer', description: '' },
            table: 'outcomes_outcomes',
          },
        },
      },
      {
        route: 'GET /places/:place/outcomes/frameworks/:framework/outcomes/:outcome/indicators',
        request: (a) => a.get(`${f}/outcomes/${outcomeId}/indicators`),
        expect: officers,
      },
      {
        route: 'POST /places/:place/outcomes/frameworks/:framework/outcomes/:outcome/indicators',
        request: (a) => a.post(`${f}/outcomes/${outcomeId}/indicators`, {}),
        expect: invalidInput(officers),
        submission: {
          creates: {
            as: 'officer',
            fields: {
              title: 'Getting out',
              measureKind: 'checkin',
              question: 'Did you get out of the house this week?',
              questionCy: '',
              scaleMin: '1',
              scaleMax: '5',
            },
            table: 'outcomes_indicators',
          },
        },
      },
      {
        route: 'POST /places/:place/outcomes/frameworks/:framework/outcomes/:outcome/comments',
        request: (a) => a.post(`${f}/outcomes/${outcomeId}/comments`, {}),
        expect: invalidInput(member),
        submission: {
          creates: { as: 'resident', fields: { body: 'Loneliness matters most to me' }, table: 'outcomes_comments' },
        },
      },
      {
        route: 'POST /places/:place/outcomes/frameworks/:framework/outcomes/:outcome/endorse',
        request: (a) => a.post(`${f}/outcomes/${outcomeId}/endorse`),
        expect: member,
        submission: { changesInPlace: 'a person endorses an outcome once; a repeat adds nothing' },
      },
      {
        route: 'POST /places/:place/outcomes/frameworks/:framework/suggestions',
        request: (a) => a.post(`${f}/suggestions`, { form: 'suggest' }),
        expect: invalidInput(member),
        submission: {
          creates: {
            as: 'resident',
            fields: { form: 'suggest', outcome: '', title: 'Young people feel safe in the park', description: '' },
            table: 'outcomes_suggestions',
          },
        },
      },
      {
        route: 'POST /places/:place/outcomes/frameworks/:framework/suggestions/:suggestion/adopt',
        request: (a) => a.post(`${f}/suggestions/${outcomeSuggestion}/adopt`),
        expect: officers,
        submission: { changesInPlace: 'a suggestion is answered once; adopting it again is refused' },
      },
      {
        route: 'POST /places/:place/outcomes/frameworks/:framework/suggestions/:suggestion/decline',
        request: (a) => a.post(`${f}/suggestions/${indicatorSuggestion}/decline`, {}),
        expect: invalidInput(officers),
        submission: { changesInPlace: 'a suggestion is answered once; declining it again is refused' },
      },
      {
        route: 'POST /places/:place/outcomes/frameworks/:framework/publish',
        request: (a) => a.post(`${f}/publish`),
        expect: officers,
        submission: { changesInPlace: 'it publishes the framework once' },
      },
      {
        route: 'GET /places/:place/outcomes/frameworks/:framework/links',
        request: (a) => a.get(`${f}/links?q=walk`),
        expect: officers,
      },
      {
        route: 'POST /places/:place/outcomes/frameworks/:framework/links',
        request: (a) => a.post(`${f}/links`, {}),
        expect: invalidInput(officers),
        submission: { changesInPlace: 'an activity already linked to the outcome is not linked again' },
      },
      {
        route: 'GET /places/:place/outcomes/programmes',
        request: (a) => a.get(`${p}/outcomes/programmes`),
        expect: officers,
      },
      {
        route: 'POST /places/:place/outcomes/programmes',
        request: (a) => a.post(`${p}/outcomes/programmes`, {}),
        expect: invalidInput(officers),
        submission: {
          creates: {
            as: 'officer',
            fields: { name: 'Winter wellbeing', description: '' },
            table: 'outcomes_programmes',
          },
        },
      },
      {
        route: 'GET /places/:place/outcomes/programmes/:programme',
        request: (a) => a.get(`${p}/outcomes/programmes/${programmeId}`),
        expect: officers,
      },
      {
        route: 'POST /places/:place/outcomes/programmes/:programme',
        request: (a) => a.post(`${p}/outcomes/programmes/${programmeId}`, {}),
        expect: invalidInput(officers),
        submission: { changesInPlace: 'an activity already in the programme is not added again' },
      },
      {
        route: 'GET /places/:place/check-in/:activity',
        request: (a) => a.get(`${p}/check-in/${activity.id}`),
        expect: member,
      },
      {
        route: 'POST /places/:place/check-in/:activity',
        request: (a) => a.post(`${p}/check-in/${activity.id}`, {}),
        expect: invalidInput(member),
        submission: { creates: { as: 'resident', fields: { [`q-${questionId}`]: '4' }, table: 'outcomes_checkins' } },
      },
      { route: 'GET /places/:place/stories', request: (a) => a.get(`${p}/stories`), expect: everyone },
      { route: 'GET /places/:place/stories/new', request: (a) => a.get(`${p}/stories/new`), expect: member },
      {
        route: 'POST /places/:place/stories/new',
        request: (a) => a.post(`${p}/stories/new`, {}),
        expect: invalidInput(member),
        submission: {
          creates: {
            as: 'partner',
            fields: {
              title: 'Back on my bike',
              body: 'The repair café got me riding again',
              consent: 'named',
              photoAlt: '',
            },
            table: 'outcomes_stories',
          },
        },
      },
      {
        route: 'GET /places/:place/stories/:story/photo',
        // The story waits to be read: its photo is its author's and the moderators' to
        // see until it is published; to anyone else it does not exist.
        request: (a) => a.get(`${p}/stories/${storyId}/photo`),
        expect: (actor) => (['resident', 'officer', 'admin'].includes(actor) ? 'ok' : 'not-found'),
      },
      {
        route: 'GET /places/:place/stories/moderation',
        request: (a) => a.get(`${p}/stories/moderation`),
        expect: officers,
      },
      {
        route: 'POST /places/:place/stories/:story/moderate',
        request: (a) => a.post(`${p}/stories/${storyId}/moderate`, {}),
        expect: invalidInput(officers),
        submission: { changesInPlace: 'it sets whether the story is published' },
      },
      {
        route: 'GET /places/:place/returns',
        request: (a) => a.get(`${p}/returns`),
        expect: roles('organiser', 'admin'),
      },
      {
        route: 'GET /places/:place/returns/:programme/:organisation/:quarter',
        request: (a) => a.get(myReturn),
        expect: roles('organiser', 'officer', 'admin'),
      },
      {
        // Another organisation's return: its organiser is refused like a resident.
        route: 'GET /places/:place/returns/:programme/:organisation/:quarter',
        request: (a) => a.get(theirReturn),
        expect: officers,
      },
      {
        route: 'POST /places/:place/returns/:programme/:organisation/:quarter',
        request: (a) => a.post(myReturn, {}),
        expect: invalidInput(roles('organiser', 'admin')),
        submission: {
          creates: {
            as: 'organiser',
            fields: {
              action: 'submit',
              peopleReached: '18',
              hoursGiven: '6.5',
              story: 'A newcomer now leads the Thursday walk.',
              differently: 'Start earlier in the day in winter.',
            },
            table: 'outcomes_returns',
          },
        },
      },
      {
        route: 'POST /places/:place/returns/:programme/:organisation/:quarter',
        request: (a) => a.post(theirReturn, {}),
        expect: invalidInput(roles('admin')),
        submission: { changesInPlace: 'one return per organisation and quarter; a repeat changes it, adds none' },
      },
      {
        route: 'GET /places/:place/outcomes/programmes/:programme/returns',
        request: (a) => a.get(`${p}/outcomes/programmes/${funded}/returns`),
        expect: officers,
      },
      {
        route: 'POST /places/:place/outcomes/programmes/:programme/returns/remind',
        request: (a) => a.post(`${p}/outcomes/programmes/${funded}/returns/remind`, {}),
        expect: invalidInput(officers),
        submission: { changesInPlace: 'one reminder per organisation and quarter; a second press sends nothing' },
      },
      { route: 'GET /places/:place/reports', request: (a) => a.get(`${p}/reports`), expect: officers },
      { route: 'GET /places/:place/reports.csv', request: (a) => a.get(`${p}/reports.csv`), expect: officers },
      { route: 'GET /places/:place/reports.pdf', request: (a) => a.get(`${p}/reports.pdf`), expect: officers },
    ];
    return rows;
  },
};
