/**
 * The demo's befriending: Age Friendly Calderbrook's Good Neighbours scheme, run by
 * Grace Mensah. Edna is waiting for a befriender, with Kemi (checked) and Harold
 * (whose enhanced check is not yet recorded) among her suggestions; Arthur, who has no
 * account and was added by phone, is matched with Ben, and that match is due a check-in.
 */
import type { Kith } from '../../kith.js';
import type { DemoState } from '../module.js';
import { organisationSummaries } from '../directory/index.js';
import { recordCheck } from '../volunteering/index.js';
import { createScheme, introduce, joinScheme, recordCheckin, startMatch } from './befriending.js';
import type { ProfileInput } from './inputs.js';
import { backdateForDemo, findMatch, findScheme } from './store.js';
import { addDays, todayInPlace } from '../../platform/dates.js';

const profile = (p: Partial<ProfileInput>): ProfileInput => ({
  interests: [],
  languages: ['en'],
  availability: [],
  ways: ['home'],
  experiences: [],
  postcode: 'KL1 1AA',
  travelMiles: 2,
  gender: 'unsaid',
  prefers: 'any',
  about: '',
  ...p,
});

export async function demoBefriending(kith: Kith, demo: DemoState): Promise<void> {
  const place = demo.places.calderbrook;
  const grace = demo.people.coordinator?.id;
  const organisation =
    place && (await organisationSummaries(kith.db.kysely, place.id)).find((o) => o.name === 'Age Friendly Calderbrook');
  if (!place || !grace || !organisation) return;
  const at = { placeId: place.id, actorId: grace };
  const schemeId = await createScheme(kith, {
    ...at,
    organisationId: organisation.id,
    scheme: {
      name: 'Good Neighbours befriending',
      kind: 'befriending',
      requirements: ['dbs_enhanced'],
      checkinDays: 28,
      description:
        'A volunteer visits or phones an older neighbour for an hour a week, for a cup of tea and a chat. We match people with care and stay in touch with you both.',
    },
  });
  // Peer mentors who have been through the justice system themselves: probation refers here.
  await createScheme(kith, {
    ...at,
    organisationId: organisation.id,
    scheme: {
      name: 'Moving On peer mentors',
      kind: 'peer_support',
      requirements: ['dbs_enhanced'],
      checkinDays: 28,
      description:
        'Someone who has been through the justice system meets you each week for a walk or a coffee, and helps you find your feet: housing, work, new friends.',
    },
  });
  const scheme = (await findScheme(kith.db.kysely, schemeId))!;
  const today = todayInPlace();
  const join = async (
    who: string | undefined,
    side: 'volunteer' | 'neighbour',
    p: Partial<ProfileInput>,
    name?: string,
    contact = '',
    notes = '',
  ) => {
    const person = who ? demo.people[who] : undefined;
    if (who && !person) return undefined;
    return joinScheme(kith, {
      placeId: place.id,
      actorId: person?.id ?? grace,
      scheme,
      side,
      personId: person?.id ?? null,
      name: person?.name ?? name ?? '',
      contact,
      notes,
      profile: profile(p),
    });
  };
  const check = async (who: string) => {
    const person = demo.people[who];
    if (person)
      await recordCheck(kith, {
        ...at,
        organisationId: organisation.id,
        personId: person.id,
        kind: 'dbs_enhanced',
        checkedOn: addDays(today, -120),
        expiresOn: addDays(today, 1000),
        note: '',
      });
  };

  const edna = await join('resident', 'neighbour', {
    interests: ['gardening', 'music', 'history'],
    availability: ['TU_morning', 'TH_afternoon'],
    ways: ['home', 'phone'],
    postcode: 'KL1 2BD',
    travelMiles: 0,
    gender: 'woman',
    prefers: 'woman',
    about: 'I was a nurse for forty years. I love the radio, my garden and a good natter about the old days.',
  });
  const arthur = await join(
    undefined,
    'neighbour',
    {
      interests: ['sport', 'history', 'games'],
      availability: ['MO_afternoon', 'WE_afternoon'],
      ways: ['home'],
      postcode: 'KL1 3EF',
      travelMiles: 0,
      gender: 'man',
      about: 'Rugby league, dominoes and the history of the mills.',
    },
    'Arthur Bell',
    '01632 960118',
    'Hard of hearing: knock loudly. His daughter Sue is his next of kin.',
  );
  const nasreen = await join(
    undefined,
    'neighbour',
    {
      interests: ['cooking', 'faith', 'gardening'],
      languages: ['ur', 'pa', 'en'],
      availability: ['FR_morning', 'FR_afternoon'],
      ways: ['home', 'phone'],
      postcode: 'KL1 1AA',
      travelMiles: 0,
      gender: 'woman',
      prefers: 'woman',
    },
    'Nasreen Akhtar',
    '01632 960447',
    'Prefers Urdu. Her son helped her fill this in.',
  );

  await check('youngResident');
  await join('youngResident', 'volunteer', {
    interests: ['music', 'cooking', 'films_tv', 'gardening'],
    availability: ['TU_morning', 'TH_afternoon', 'SA_morning'],
    ways: ['home', 'out', 'phone'],
    postcode: 'KL1 1AA',
    travelMiles: 2,
    gender: 'woman',
    about: 'I am a nursing student and miss my nan. I make a mean lemon drizzle.',
  });
  const harold = await join('retiredTeacher', 'volunteer', {
    interests: ['history', 'reading', 'games', 'sport'],
    availability: ['MO_afternoon', 'TU_morning', 'WE_afternoon'],
    ways: ['home', 'out'],
    postcode: 'KL1 1AA',
    travelMiles: 5,
    gender: 'man',
    about: 'Retired history teacher. Happy to talk about anything, especially local history.',
  });
  await check('student');
  const ben = await join('student', 'volunteer', {
    interests: ['sport', 'games', 'technology'],
    languages: ['en', 'pl'],
    availability: ['MO_afternoon', 'WE_afternoon', 'SA_morning'],
    ways: ['home', 'phone', 'video'],
    postcode: 'KL1 1AA',
    travelMiles: 5,
    gender: 'man',
    about: 'Engineering student. I play five-a-side and can help with phones and tablets.',
  });
  // People have waited a while, some long enough for the dashboard to say so.
  const waited = async (id: string | undefined, days: number) => {
    if (id)
      await backdateForDemo(kith.db.kysely, {
        profileId: id,
        waitingSince: new Date(Date.now() - days * 86_400_000).toISOString(),
      });
  };
  await waited(edna, 38);
  await waited(nasreen, 12);
  await waited(harold, 20);
  if (arthur && ben) {
    const matchId = await introduce(kith, {
      ...at,
      scheme,
      seekerId: arthur,
      candidateId: ben,
      message: '',
      placeSlug: place.slug,
    });
    await startMatch(kith, { ...at, match: (await findMatch(kith.db.kysely, matchId))! });
    await recordCheckin(kith, {
      ...at,
      match: (await findMatch(kith.db.kysely, matchId))!,
      withWhom: 'both',
      going: 'well',
      note: 'They have found they support the same rugby team. Ben set up Arthur’s tablet for video calls with Sue.',
    });
    // Met first a little over three months ago; last checked five weeks ago, so the
    // dashboard shows a check-in is due.
    await backdateForDemo(kith.db.kysely, {
      matchId,
      checkedOn: addDays(today, -35),
      introducedAt: new Date(Date.now() - 110 * 86_400_000).toISOString(),
      startedAt: new Date(Date.now() - 100 * 86_400_000).toISOString(),
    });
  }
}
