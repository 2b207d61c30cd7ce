import type { Kith } from '../../kith.js';
import type { DemoState } from '../module.js';
import { joinTimeCredits, payMember, saveTimebankSettings } from './accounts.js';
import { fundGroup, issueCredits, saveGroup } from './groups.js';
import { redeemReward, savePartner, saveReward } from './partners.js';

export interface TimebankDemo {
  groups: Record<string, string>;
  partners: Record<string, string>;
  rewards: Record<string, string>;
  numbers: Record<string, string>;
}

/**
 * Calderbrook uses time credits; Aberllyn has not turned them on (so both states can
 * be seen). A community fund, two groups that issue credits and one that chose not to,
 * the Calderbrook Picturehouse and the leisure centre as partners, most residents
 * taking part (Ben has not joined), and a little history. Member numbers are fixed so
 * the demo is the same every time.
 */
export async function demoTimebank(kith: Kith, demo: DemoState): Promise<void> {
  const place = demo.places.calderbrook;
  if (!place) return;
  const p = demo.people;
  const admin = p.admin!.id;
  const coordinator = p.coordinator!.id;
  await saveTimebankSettings(kith, { placeId: place.id, actorId: admin, enabled: true, overdraftMinutes: 0 });

  const numbers: Record<string, string> = {};
  const members = [
    'resident',
    'organiser',
    'admin',
    'youngResident',
    'retiredTeacher',
    'newArrival',
    'carer',
    'gardener',
  ];
  for (const [i, key] of members.entries()) {
    const number = String(204810 + i * 7);
    await joinTimeCredits(kith, { placeId: place.id, personId: p[key]!.id, number });
    numbers[key] = number;
  }

  const groups = {
    garden: await saveGroup(kith, {
      placeId: place.id,
      actorId: coordinator,
      name: 'Calderbrook Community Garden',
      issues: true,
      organisers: [p.organiser!.email],
    }),
    repair: await saveGroup(kith, {
      placeId: place.id,
      actorId: coordinator,
      name: 'Riverside Repair Café',
      issues: true,
      organisers: [p.organiser!.email, p.retiredTeacher!.email],
    }),
    knitting: await saveGroup(kith, {
      placeId: place.id,
      actorId: coordinator,
      name: 'Friday Knitting Circle',
      issues: false,
      organisers: [p.gardener!.email],
    }),
  };
  const partners = {
    picturehouse: await savePartner(kith, {
      placeId: place.id,
      actorId: coordinator,
      name: 'Calderbrook Picturehouse',
      staff: [p.partner!.email],
    }),
    leisure: await savePartner(kith, {
      placeId: place.id,
      actorId: coordinator,
      name: 'Calder Valley Leisure Centre',
      staff: [],
    }),
  };
  const reward = (partnerId: string, title: string, cost: number, conditions: string) =>
    saveReward(kith, { placeId: place.id, actorId: coordinator, partnerId, title, cost, conditions, active: true });
  const rewards = {
    ticket: await reward(partners.picturehouse, 'Cinema ticket', 60, 'Any film, any day; one ticket a visit'),
    popcorn: await reward(partners.picturehouse, 'Popcorn and a drink', 60, 'With a film ticket'),
    swim: await reward(partners.leisure, 'A swim', 60, 'Adults only, weekdays'),
    gym: await reward(partners.leisure, 'A gym session', 120, 'After an induction; over-16s'),
  };

  const key = (k: string) => `demo-${k}`;
  await fundGroup(kith, {
    placeId: place.id,
    actorId: coordinator,
    groupId: groups.garden,
    minutes: 40 * 60,
    note: 'Spring volunteering',
    formKey: key('fund-garden'),
  });
  await fundGroup(kith, {
    placeId: place.id,
    actorId: coordinator,
    groupId: groups.repair,
    minutes: 20 * 60,
    note: 'Repair Café season',
    formKey: key('fund-repair'),
  });
  const issue = (groupId: string, who: string, minutes: number, note: string) =>
    issueCredits(kith, {
      placeId: place.id,
      actorId: p.organiser!.id,
      groupId,
      number: numbers[who]!,
      minutes,
      note,
      formKey: key(`issue-${who}-${note}`),
    });
  await issue(groups.garden, 'gardener', 3 * 60, 'Planting the raised beds');
  await issue(groups.garden, 'youngResident', 2 * 60, 'Clearing the pond');
  await issue(groups.garden, 'resident', 4 * 60, 'Watering through the heatwave');
  await issue(groups.repair, 'retiredTeacher', 2 * 60 + 30, 'Mending lamps and toasters');
  await issue(groups.repair, 'newArrival', 90, 'Fixing bicycles');
  await payMember(kith, {
    placeId: place.id,
    payerId: p.retiredTeacher!.id,
    number: numbers.youngResident!,
    minutes: 60,
    note: 'Help setting up my new phone',
    key: key('pay-harold-kemi'),
  });
  await redeemReward(kith, {
    placeId: place.id,
    actorId: p.partner!.id,
    partnerId: partners.picturehouse,
    number: numbers.gardener!,
    rewardId: rewards.ticket,
    quantity: 1,
    formKey: key('redeem-maureen'),
  });

  demo.timebank = { groups, partners, rewards, numbers } satisfies TimebankDemo;
}
