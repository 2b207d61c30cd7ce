/**
 * The demo's volunteering: roles with the organisations Tom Okafor coordinates in
 * Calderbrook (a weekly park clean-up with shifts, a repair café needing a basic DBS
 * check, walk leaders needing training), a resident signed up, and interest that has
 * waited nine days so the dashboard's flag shows. Yusuf has a basic DBS check the Repair
 * Café recorded and a place held at Age Friendly Calderbrook, whose role needs one:
 * he can share it, and Grace can accept it rather than ask for a new one.
 */
import type { Kith } from '../../kith.js';
import type { DemoState } from '../module.js';
import { organisationSummaries } from '../directory/index.js';
import type { OpportunityInput } from './inputs.js';
import { addShifts } from './shifts.js';
import { decideLoggedHours, logHours, sendThanks } from './hours.js';
import { publishOpportunity } from './roles.js';
import { recordCheck } from './checks.js';
import { signUp } from './signups.js';
import { addDays, todayInPlace } from '../../platform/dates.js';

const role = (
  r: Partial<OpportunityInput> & Pick<OpportunityInput, 'title' | 'description' | 'timeCommitment' | 'interests'>,
): OpportunityInput => ({
  organisation: '',
  skills: '',
  commitment: 'regular',
  accessibility: '',
  minimumAge: null,
  participation: 'shifts',
  remote: false,
  requirements: [],
  days: [],
  times: [],
  postcode: 'KL1 1AA',
  status: 'open',
  suggestion: '',
  ...r,
});

export async function demoVolunteering(kith: Kith, demo: DemoState): Promise<void> {
  const place = demo.places.calderbrook;
  const tom = demo.people.organiser?.id;
  if (!place || !tom) return;
  const organisations = new Map((await organisationSummaries(kith.db.kysely, place.id)).map((o) => [o.name, o]));
  const publish = async (organisationName: string, r: OpportunityInput) => {
    const organisation = organisations.get(organisationName);
    if (!organisation) return undefined;
    const opportunity = await publishOpportunity(kith, {
      placeId: place.id,
      actorId: tom,
      organisationName,
      opportunity: { ...r, organisation: organisation.id },
    });
    return { id: opportunity, organisation };
  };
  const park = await publish(
    'Friends of Calder Park',
    role({
      title: 'Park clean-up volunteer',
      description:
        'Litter picking, clearing paths and planting bulbs with a friendly team. Gloves, pickers and tea provided.',
      timeCommitment: 'Saturday mornings, 10:00 to 12:00',
      interests: ['environment', 'practical'],
      accessibility: 'Paths are level; there is an accessible toilet in the café.',
    }),
  );
  const repair = await publish(
    'Calderbrook Repair Café',
    role({
      title: 'Repair café fixer',
      description: 'Help neighbours mend lamps, toasters, bikes and clothes, and show them how.',
      skills: 'Electrics, sewing or bike repairs',
      timeCommitment: 'One Thursday evening a month',
      commitment: 'occasional',
      interests: ['practical'],
      requirements: ['dbs_basic'],
      minimumAge: 16,
    }),
  );
  await publish(
    'Calderbrook Walking Group',
    role({
      title: 'Walk leader',
      description: 'Lead a gentle hour-long walk for people getting back into exercise, some living with dementia.',
      timeCommitment: 'An hour a week, on a day that suits you',
      participation: 'flexible',
      interests: ['older_people', 'sport', 'health_care'],
      requirements: ['training'],
      days: ['TU', 'TH'],
      times: ['morning'],
    }),
  );
  const today = todayInPlace();
  /** A Saturday's park clean-up some weeks ago, logged by the volunteer and confirmed by Tom as it came in. */
  const parkHoursConfirmed = async (personId: string, weeksAgo: number, minutes: number) => {
    const hoursId = await logHours(kith, {
      placeId: place.id,
      actorId: personId,
      opportunityId: park!.id,
      workedOn: addDays(today, -7 * weeksAgo),
      minutes,
      note: '',
    });
    await decideLoggedHours(kith, {
      placeId: place.id,
      actorId: tom,
      organisationId: park!.organisation.id,
      hoursId,
      action: 'confirm',
      reason: '',
      description: 'Park clean-up',
    });
  };
  if (park) {
    const nextSaturday = [...Array(7).keys()]
      .map((i) => addDays(today, i + 1))
      .find((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 6)!;
    await addShifts(kith, {
      placeId: place.id,
      actorId: tom,
      opportunity: { id: park.id } as never,
      plan: { date: nextSaturday, starts: '10:00', ends: '12:00', places: 8, repeat: 'weekly', occurrences: 8 },
    });
    const shift = await kith.db.kysely
      .selectFrom('volunteering_shifts')
      .select('id')
      .where('opportunity_id', '=', park.id)
      .orderBy('starts_at')
      .executeTakeFirstOrThrow();
    if (demo.people.resident)
      await signUp(kith, {
        placeId: place.id,
        actorId: demo.people.resident.id,
        opportunityId: park.id,
        shiftId: shift.id,
        message: '',
        birthDate: null,
      });
    // Maureen is a regular: confirmed, trained, with hours waiting for Tom and his thanks.
    const maureen = demo.people.gardener?.id;
    if (maureen) {
      await signUp(kith, {
        placeId: place.id,
        actorId: maureen,
        opportunityId: park.id,
        shiftId: shift.id,
        message: 'I can bring my own tools.',
        birthDate: '1956-04-02',
      });
      await recordCheck(kith, {
        placeId: place.id,
        actorId: tom,
        organisationId: park.organisation.id,
        personId: maureen,
        kind: 'training',
        checkedOn: addDays(today, -60),
        expiresOn: addDays(today, 20),
        note: 'Tool safety',
      });
      // Her Saturdays since the summer, confirmed as they came in, so the volunteering
      // report and the place's figures have months of hours on first start.
      for (let weeksAgo = 22; weeksAgo >= 2; weeksAgo -= 2)
        await parkHoursConfirmed(maureen, weeksAgo, weeksAgo % 4 ? 120 : 180);
      await logHours(kith, {
        placeId: place.id,
        actorId: maureen,
        opportunityId: park.id,
        workedOn: addDays(today, -5),
        minutes: 150,
        note: 'Planted the bulbs by the bandstand',
      });
      await sendThanks(kith, {
        placeId: place.id,
        actorId: tom,
        organisationId: park.organisation.id,
        personId: maureen,
        message: 'The bandstand beds look lovely. Thank you!',
        base: `/places/${place.slug}/volunteering`,
        organisationName: park.organisation.name,
      });
    }
  }
  // With the demo's residents, six of them have joined Maureen on some Saturdays, so the
  // place's hours volunteered are given by enough people to be shown (hours only one or
  // two people gave would be theirs, and are withheld).
  if (park && demo.residents?.length) {
    const lastShift = await kith.db.kysely
      .selectFrom('volunteering_shifts')
      .select('id')
      .where('opportunity_id', '=', park.id)
      .orderBy('starts_at', 'desc')
      .executeTakeFirstOrThrow();
    for (const [i, personId] of demo.residents.slice(0, 6).entries()) {
      await signUp(kith, {
        placeId: place.id,
        actorId: personId,
        opportunityId: park.id,
        shiftId: lastShift.id,
        message: '',
        birthDate: null,
      });
      for (const weeksAgo of [4, 8, 12, 16].slice(0, 2 + (i % 3))) await parkHoursConfirmed(personId, weeksAgo, 120);
    }
  }
  if (repair && demo.people.student) {
    await addShifts(kith, {
      placeId: place.id,
      actorId: tom,
      opportunity: { id: repair.id } as never,
      plan: { date: addDays(today, 10), starts: '18:00', ends: '20:30', places: 6, repeat: 'none', occurrences: 1 },
    });
    const shift = await kith.db.kysely
      .selectFrom('volunteering_shifts')
      .select('id')
      .where('opportunity_id', '=', repair.id)
      .executeTakeFirstOrThrow();
    await signUp(kith, {
      placeId: place.id,
      actorId: demo.people.student.id,
      opportunityId: repair.id,
      shiftId: shift.id,
      message: 'I fix bikes at uni.',
      birthDate: '2004-05-14',
    });
  }
  // Checks that travel: Yusuf mends bikes at the Repair Café, which has seen his basic
  // DBS check; he has signed up to help Age Friendly Calderbrook's shopping trips, which
  // need one too, and is held there until Grace sees a check (or he shares his).
  const yusuf = demo.people.newArrival?.id;
  const grace = demo.people.coordinator?.id;
  const ageFriendly = organisations.get('Age Friendly Calderbrook');
  if (repair && yusuf && grace && ageFriendly) {
    const repairShift = await kith.db.kysely
      .selectFrom('volunteering_shifts')
      .select('id')
      .where('opportunity_id', '=', repair.id)
      .executeTakeFirst();
    await recordCheck(kith, {
      placeId: place.id,
      actorId: tom,
      organisationId: repair.organisation.id,
      personId: yusuf,
      kind: 'dbs_basic',
      checkedOn: addDays(today, -90),
      expiresOn: addDays(today, 3 * 365 - 90),
      note: '',
    });
    if (repairShift)
      await signUp(kith, {
        placeId: place.id,
        actorId: yusuf,
        opportunityId: repair.id,
        shiftId: repairShift.id,
        message: 'I can fix bicycles.',
        birthDate: '1991-08-23',
      });
    const shopping = await publishOpportunity(kith, {
      placeId: place.id,
      actorId: grace,
      organisationName: ageFriendly.name,
      opportunity: role({
        organisation: ageFriendly.id,
        title: 'Shopping trip helper',
        description: 'Go with older neighbours on the weekly minibus trip to the supermarket and help with bags.',
        timeCommitment: 'Wednesday mornings, 10:00 to 12:30',
        interests: ['older_people'],
        requirements: ['dbs_basic'],
      }),
    });
    await addShifts(kith, {
      placeId: place.id,
      actorId: grace,
      opportunity: { id: shopping } as never,
      plan: { date: addDays(today, 6), starts: '10:00', ends: '12:30', places: 3, repeat: 'none', occurrences: 1 },
    });
    const shoppingShift = await kith.db.kysely
      .selectFrom('volunteering_shifts')
      .select('id')
      .where('opportunity_id', '=', shopping)
      .executeTakeFirstOrThrow();
    await signUp(kith, {
      placeId: place.id,
      actorId: yusuf,
      opportunityId: shopping,
      shiftId: shoppingShift.id,
      message: 'I have a basic DBS check from the Repair Café.',
      birthDate: null,
    });
  }
  const walk = await kith.db.kysely
    .selectFrom('volunteering_opportunities')
    .select('id')
    .where('title', '=', 'Walk leader')
    .where('place_id', '=', place.id)
    .executeTakeFirst();
  if (walk && demo.people.youngResident) {
    const { signupId } = await signUp(kith, {
      placeId: place.id,
      actorId: demo.people.youngResident.id,
      opportunityId: walk.id,
      shiftId: null,
      message: 'I walk every day and would love to lead a group.',
      birthDate: null,
    });
    // Nine days ago, so the dashboard shows interest left unanswered too long.
    await kith.db.kysely
      .updateTable('volunteering_signups')
      .set({ created_at: new Date(Date.now() - 9 * 86_400_000).toISOString() })
      .where('id', '=', signupId)
      .execute();
  }
}
