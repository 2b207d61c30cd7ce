/**
 * The demo's outcomes work in Calderbrook: a place-wide framework residents commented on
 * and endorsed before Samira Patel (officer) published it, the walking group and other
 * activities linked to it, six months of check-ins, stories of change at each stage of
 * moderation, and a programme with a draft framework still open for comments. The same
 * every time; dates are counted back from the day it loads.
 */
import type { Kith } from '../../kith.js';
import { quarterOf, shiftQuarter, todayInPlace, quarterDays, addDays } from '../../platform/dates.js';
import { knownFigures, returningOrganisations } from './returns.js';
import { writeReturn } from './returns-store.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { DemoState } from '../module.js';
import { listingsOfOrganisations, organisationSummaries } from '../directory/index.js';
import {
  addProgrammeActivity,
  insertCheckin,
  insertComment,
  insertSuggestion,
  decideSuggestion,
  insertEndorsement,
  insertFramework,
  insertIndicator,
  insertLink,
  insertOutcome,
  insertProgramme,
  insertStory,
  moderateStory,
  publishFramework,
} from './store.js';

const DAY = 86_400_000;

export async function demoOutcomes(kith: Kith, demo: DemoState): Promise<void> {
  const place = demo.places.calderbrook;
  const officer = demo.people.officer;
  if (!place || !officer) return;
  const db = kith.db.kysely;
  const organisations = await organisationSummaries(db, place.id);
  const listings = (
    await listingsOfOrganisations(
      db,
      place.id,
      organisations.map((o) => o.id),
    )
  ).filter((l) => l.state === 'published');
  const named = (name: string) => listings.find((l) => l.name === name);
  const walk = named('Health walk');
  const linked = [walk, named('Tuesday tea and chat'), named('Community choir')].filter((l) => !!l);
  const residents = ['resident', 'youngResident', 'retiredTeacher', 'newArrival', 'carer', 'gardener', 'student']
    .map((k) => demo.people[k])
    .filter((p) => !!p);
  const t = kith.catalogue.translator('en');
  const now = Date.now();
  const day = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString().slice(0, 10);

  await kith.db.transaction(async (trx) => {
    const frameworkId = await insertFramework(trx, {
      place_id: place.id,
      programme_id: null,
      title: 'Calderbrook connected communities',
      purpose:
        'Co-produced at three workshops with residents, community groups and the council, after the Islington and Age UK approach: a few outcomes that matter, and light-touch ways for small groups to show them.',
      created_by: officer.id,
    });
    const outcome = async (title: string, description: string) =>
      insertOutcome(trx, { place_id: place.id, framework_id: frameworkId, title, description, added_by: officer.id });
    const lonely = await outcome(
      'People feel less lonely',
      'People who were on their own find company and friendship close to home.',
    );
    const worthwhile = await outcome(
      'People feel their lives are worthwhile',
      'People do things that matter to them and to others.',
    );
    const giving = await outcome(
      'People give time to help each other',
      'Small acts and regular volunteering both count.',
    );
    const indicator = async (
      outcomeId: string,
      title: string,
      kind: 'checkin' | 'ons4' | 'count',
      ref: string | null,
      question?: string,
      questionCy?: string,
    ) =>
      insertIndicator(trx, {
        place_id: place.id,
        framework_id: frameworkId,
        outcome_id: outcomeId,
        title,
        measure_kind: kind,
        measure_ref: ref,
        question: question ?? null,
        question_cy: questionCy ?? null,
        scale_min: kind === 'checkin' ? 1 : 0,
        scale_max: kind === 'checkin' ? 5 : 10,
        added_by: officer.id,
      });
    const metSomeone = await indicator(
      lonely,
      'Meets someone new each week',
      'checkin',
      null,
      'Today I talked with someone I had not met before',
      'Heddiw siaradais â rhywun nad oeddwn wedi’i gyfarfod o’r blaen',
    );
    const felt = await indicator(
      lonely,
      'Feels part of the group',
      'checkin',
      null,
      'I feel part of this group',
      'Rwy’n teimlo’n rhan o’r grŵp hwn',
    );
    await indicator(lonely, 'Happiness yesterday (people referred)', 'ons4', 'happy');
    await indicator(worthwhile, 'Feels the things they do are worthwhile (people referred)', 'ons4', 'worthwhile');
    await indicator(worthwhile, 'Referrals where the person came along', 'count', 'referrals_attended');
    const helped = await indicator(
      giving,
      'Helped someone or shared a skill',
      'checkin',
      null,
      'Today I helped someone or shared something I know',
      'Heddiw helpais rywun neu rannu rhywbeth rwy’n ei wybod',
    );
    await indicator(giving, 'Hours given through time credits', 'count', 'hours_given');
    await indicator(giving, 'Hours people volunteered', 'count', 'volunteering.hoursGiven');
    await indicator(lonely, 'Befriending matches still going after three months', 'count', 'befriending.matchesKept');
    await indicator(giving, 'Small acts of kindness', 'count', 'exchanges.smallActs');

    // Residents shaped the draft before it was published.
    const comments = [
      [lonely, 'Please count the people who come to the café after the walk too: that is where the talking happens.'],
      [lonely, 'Loneliness is not only older people. Young mums on the estate feel it as well.'],
      [worthwhile, 'Being asked to help set up made me feel useful again.'],
      [giving, 'Keep it light: nobody wants to fill in forms after a walk.'],
    ] as const;
    for (const [i, [outcomeId, body]] of comments.entries()) {
      const person = residents[i % residents.length];
      if (person)
        await insertComment(trx, {
          place_id: place.id,
          framework_id: frameworkId,
          outcome_id: outcomeId,
          person_id: person.id,
          body,
        });
    }
    for (const [i, person] of residents.entries()) {
      // Every outcome endorsed by at least three residents, as publishing asks.
      for (const outcomeId of [lonely, worthwhile, giving].slice(0, 3 - (i % 3)))
        await insertEndorsement(trx, {
          outcome_id: outcomeId,
          person_id: person.id,
          place_id: place.id,
          framework_id: frameworkId,
        });
    }
    await publishFramework(trx, frameworkId, officer.id);
    await recordAudit(trx, {
      placeId: place.id,
      actorId: officer.id,
      action: 'framework.published',
      subjectType: 'framework',
      subjectId: frameworkId,
      detail: { title: 'Calderbrook connected communities' },
    });
    for (const activity of linked) {
      for (const outcomeId of [lonely, giving])
        await insertLink(trx, {
          outcome_id: outcomeId,
          target_kind: 'activity',
          target_id: activity.id,
          place_id: place.id,
          framework_id: frameworkId,
          linked_by: officer.id,
        });
    }

    // Six months of check-ins: on phones and from paper, slowly more people meeting someone new.
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let week = 26; week >= 1; week--) {
      for (const activity of linked) {
        const people = 3 + Math.floor(next() * 5);
        for (let k = 0; k < people; k++) {
          const lift = (26 - week) / 26;
          const answer = () => Math.max(1, Math.min(5, Math.round(2 + lift * 2 + (next() - 0.5) * 2)));
          const person = k < 2 ? residents[(week + k) % residents.length] : undefined;
          await insertCheckin(
            trx,
            {
              place_id: place.id,
              activity_id: activity.id,
              session_on: day(week * 7),
              person_id: person?.id ?? null,
              entered_by: person?.id ?? demo.people.organiser?.id ?? officer.id,
              from_paper: person ? 0 : 1,
            },
            [
              { indicatorId: metSomeone, value: answer() },
              { indicatorId: felt, value: answer() },
              { indicatorId: helped, value: answer() },
            ],
          );
        }
      }
    }

    // Stories: published with a name and without, one waiting to be read, one kept private.
    const story = async (
      authorKey: string,
      title: string,
      body: string,
      consent: 'named' | 'anonymous' | 'private',
      outcomeIds: string[],
      published: boolean,
    ) => {
      const author = demo.people[authorKey];
      if (!author) return;
      const id = await insertStory(
        trx,
        {
          place_id: place.id,
          author_id: author.id,
          title,
          body,
          consent,
          consent_wording: t(`outcomes.story.consent.${consent}`),
          photo_alt: null,
        },
        outcomeIds,
      );
      if (published) await moderateStory(trx, id, { state: 'published', note: null, by: officer.id });
    };
    await story(
      'resident',
      'Singing again',
      'My link worker asked what I used to love. I said singing, in the chapel choir, years ago. Now I go to the community choir every Thursday and I have three new friends who ring me.',
      'named',
      [lonely, worthwhile],
      true,
    );
    await story(
      'retiredTeacher',
      'From walker to walk leader',
      'I joined the health walk after my knee operation. A year on I lead the Wednesday walk, and I have learnt the names of every bird on the canal.',
      'anonymous',
      [lonely, giving],
      true,
    );
    await story(
      'newArrival',
      'A cup of tea that changed things',
      'We had just moved here and knew nobody. At the Tuesday tea and chat someone offered to show us where the library is. Now my wife helps there on Saturdays.',
      'named',
      [lonely, giving],
      true,
    );
    await story(
      'carer',
      'An hour for me',
      'Caring for my dad is all day, every day. The walk is the one hour in the week that is mine.',
      'anonymous',
      [lonely],
      false,
    );
    await story(
      'student',
      'Helping at the repair café',
      'I fixed my first toaster. It is not a big story but I wanted to say thanks.',
      'private',
      [giving],
      false,
    );

    // A programme with its own framework, still a draft open for comments.
    const programme = await insertProgramme(trx, {
      place_id: place.id,
      name: 'Active together',
      description: 'Walking and gentle exercise funded with the NHS to help people stay well.',
      created_by: officer.id,
    });
    for (const activity of [walk, named('Walking football'), named('Saturday 5k')].filter((l) => !!l))
      await addProgrammeActivity(trx, { programme_id: programme, activity_id: activity.id, place_id: place.id });
    const draft = await insertFramework(trx, {
      place_id: place.id,
      programme_id: programme,
      title: 'Active together: what should change',
      purpose: 'A draft for the programme, open for comments until the end of the month.',
      created_by: officer.id,
    });
    const moving = await insertOutcome(trx, {
      place_id: place.id,
      framework_id: draft,
      title: 'People are more active, at their own pace',
      description: '',
      added_by: officer.id,
    });
    await insertIndicator(trx, {
      place_id: place.id,
      framework_id: draft,
      outcome_id: moving,
      title: 'Feels fitter than a month ago',
      measure_kind: 'checkin',
      measure_ref: null,
      question: 'I feel fitter than I did a month ago',
      question_cy: 'Rwy’n teimlo’n fwy heini nag oeddwn i fis yn ôl',
      scale_min: 1,
      scale_max: 5,
      added_by: officer.id,
    });
    // Residents are writing it too: an outcome and a way of knowing wait for Samira's
    // answer, and one she declined says why.
    const [edna, joanne, youngResident] = [demo.people.resident, demo.people.carer, demo.people.youngResident];
    if (joanne)
      await insertSuggestion(trx, {
        place_id: place.id,
        framework_id: draft,
        outcome_id: null,
        kind: 'outcome',
        title: 'Carers get an hour for themselves',
        description: 'A walk is the only time some of us are not looking after someone.',
        proposed_by: joanne.id,
      });
    if (edna)
      await insertSuggestion(trx, {
        place_id: place.id,
        framework_id: draft,
        outcome_id: moving,
        kind: 'indicator',
        title: 'People walk a little further than they did',
        description: 'We could ask at the end of each walk.',
        proposed_by: edna.id,
      });
    if (youngResident) {
      const declined = await insertSuggestion(trx, {
        place_id: place.id,
        framework_id: draft,
        outcome_id: moving,
        kind: 'indicator',
        title: 'Steps counted on a phone',
        description: '',
        proposed_by: youngResident.id,
      });
      await decideSuggestion(trx, declined, {
        state: 'declined',
        reason: 'Not everyone has a phone that counts steps; we will ask people instead.',
        by: officer.id,
      });
    }

    // A small grants programme two groups report to each quarter: Age Friendly Calderbrook
    // has sent last quarter's return; the walking group has not yet.
    const fund = await insertProgramme(trx, {
      place_id: place.id,
      name: 'Small Groups Fund',
      description: 'Small grants for volunteer-run groups, with a short return each quarter.',
      created_by: officer.id,
    });
    for (const activity of [walk, named('Saturday ramble'), named('Lunch club')].filter((l) => !!l))
      await addProgrammeActivity(trx, { programme_id: fund, activity_id: activity.id, place_id: place.id });
    const lastQuarter = shiftQuarter(quarterOf(todayInPlace()), -1);
    const lunch = (await returningOrganisations(trx, place.id, fund)).find((o) =>
      o.activities.some((a) => a.name === 'Lunch club'),
    );
    const coordinator = demo.people.coordinator;
    if (lunch && coordinator) {
      const known = await knownFigures(trx, place.id, lunch, lastQuarter);
      await writeReturn(
        trx,
        { placeId: place.id, programmeId: fund, organisationId: lunch.id, quarter: lastQuarter },
        {
          people_reached: 31,
          hours_tenths: 142,
          story:
            'A man who had not left his flat since his wife died came to lunch with his neighbour. He now helps set out the tables on Thursdays.',
          differently: 'We would ask the surgery to tell people about us sooner; most heard by word of mouth.',
          known_checkins: known.checkins,
          known_attended: known.attended,
          known_minutes: known.minutes,
        },
        // Sent twelve days after the quarter ended (or today, if that is yet to come).
        {
          personId: coordinator.id,
          submit: true,
          at:
            addDays(quarterDays(lastQuarter).to, 12) < todayInPlace()
              ? `${addDays(quarterDays(lastQuarter).to, 12)}T10:30:00.000Z`
              : new Date().toISOString(),
        },
      );
    }
    demo.outcomes = { frameworkId, draftFrameworkId: draft, programmeId: programme, smallGroupsFundId: fund };
  });
}
