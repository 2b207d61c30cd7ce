import type { Kith } from '../../kith.js';
import { addDays, todayInPlace, weekdayOf } from '../../platform/dates.js';
import type { DemoState } from '../module.js';
import { createEvent, rsvp } from './events.js';
import { joinGroup, startGroup } from './groups.js';
import { addAction } from './pledges.js';
import { findGroup } from './store.js';

/**
 * Calderbrook's demo: a residents' group started by the organiser, with a question-and-
 * answer evening with the ward councillors next Thursday (thirty places, a few going
 * already) and a pledge to act.
 */
export async function demoGroups(kith: Kith, demo: DemoState): Promise<void> {
  const place = demo.places.calderbrook;
  const organiser = demo.people.organiser;
  if (!place || !organiser) return;
  const groupId = await startGroup(kith, {
    placeId: place.id,
    personId: organiser.id,
    input: {
      name: 'Calderbrook Chinatown Residents',
      purpose:
        'Neighbours of the Chinatown streets meeting to raise what matters with the council, in Cantonese, Mandarin and English.',
      area: 'Chinatown and Mill Street',
      languages: 'English, Cantonese, Mandarin',
      joining: 'open',
    },
  });
  const group = (await findGroup(kith.db.kysely, place.id, groupId))!;
  let date = addDays(todayInPlace(), 7);
  while (weekdayOf(date) !== 'TH') date = addDays(date, 1);
  const eventId = await createEvent(kith, {
    group,
    personId: organiser.id,
    input: {
      title: 'Question time with the ward councillors',
      description:
        'Send your questions in advance, in your own language; the councillors answer the most supported first. Interpreters on hand.',
      date,
      from: '18:30',
      to: '20:00',
      weeks: null,
      mode: 'in_person',
      venue: '',
      address: 'Community room, 12 Mill Street, Calderbrook KL1 1AB',
      onlineLink: '',
      capacity: 30,
      forChildren: false,
      safeguardingContact: '',
    },
  });
  for (const key of ['resident', 'newArrival', 'carer']) {
    const person = demo.people[key];
    if (!person) continue;
    await joinGroup(kith, { group, personId: person.id, visible: true });
    await rsvp(kith, { placeId: place.id, eventId, personId: person.id, input: { accessNeeds: '', language: 'en' } });
  }
  await addAction(kith, {
    group,
    eventId: null,
    personId: organiser.id,
    text: 'Report one broken street light on our streets this month',
    followUpDays: 30,
  });
  demo.groups = { groupId, eventId };
}
