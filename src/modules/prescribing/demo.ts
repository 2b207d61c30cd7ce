/**
 * The demo's social prescribing in Calderbrook: Daniel Hughes, link worker, supports
 * a few people in detail (a conversation, consent, referrals at every status, ONS4 at
 * referral, 3 and 6 months) and forty more in outline, so that commissioners' reports
 * have numbers above the suppression threshold. The same every time; dates are counted
 * back from the day it loads.
 */
import { randomUUID } from 'node:crypto';
import type { Trx } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import type { DemoState } from '../module.js';
import { listingsOfOrganisations, organisationSummaries } from '../directory/index.js';
import { consentWording } from './consent.js';
import { SNOMED, snomedFor, timestampFor, type ReferralStatus } from './referral-status.js';
import type { ShareItem, Timepoint } from './schema.js';
import {
  insertConsent,
  insertConversation,
  insertHealthNote,
  insertRecord,
  insertReferral,
  insertReferralEvent,
  saveWellbeing,
  touchRecord,
  updateReferral,
} from './store.js';

const DAY = 86_400_000;

/** A small deterministic generator, so the demo is the same on every load. */
function generator(seed: number) {
  let s = seed;
  return {
    next() {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s / 2147483648;
    },
    int(min: number, max: number) {
      return min + Math.floor(this.next() * (max - min + 1));
    },
  };
}

const FIRST = [
  'Maggie',
  'Arthur',
  'Priti',
  'George',
  'Sam',
  'Irene',
  'Wilf',
  'Nadia',
  'Colin',
  'Shirley',
  'Tariq',
  'Brenda',
  'Dev',
  'Joan',
  'Kofi',
  'Lorna',
  'Stan',
  'Hui',
  'Pauline',
  'Ray',
];
const LAST = [
  'Ellis',
  'Bell',
  'Kaur',
  'Walker',
  'Osei',
  'Hartley',
  'Greenwood',
  'Hussain',
  'Barraclough',
  'Sutcliffe',
  'Mahmood',
  'Lumb',
  'Patel',
  'Crowther',
  'Mensah',
  'Haigh',
];

export async function demoPrescribing(kith: Kith, demo: DemoState): Promise<void> {
  const place = demo.places.calderbrook;
  const worker = demo.people.linkWorker;
  if (!place || !worker) return;
  const db = kith.db.kysely;
  const organisations = await organisationSummaries(db, place.id);
  const listings = await listingsOfOrganisations(
    db,
    place.id,
    organisations.map((o) => o.id),
  );
  const published = listings.filter((l) => l.state === 'published');
  const byName = (name: string) => published.find((l) => l.name === name);
  const walk = byName('Health walk');
  const others = ['Tuesday tea and chat', 'Community choir', 'Walking football', 'Saturday 5k', 'Singing for the brain']
    .map(byName)
    .filter((l) => !!l);
  if (!walk) return;
  const t = kith.catalogue.translator('en');
  const now = Date.now();
  const iso = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  const date = (daysAgo: number) => iso(daysAgo).slice(0, 10);

  await kith.db.transaction(async (trx) => {
    const open = async (p: {
      name: string;
      preferred: string;
      email?: string | null;
      personId?: string | null;
      accessNeeds?: string;
      daysAgo: number;
    }) => {
      const id = await insertRecord(trx, {
        place_id: place.id,
        person_id: p.personId ?? null,
        name: p.name,
        preferred_name: p.preferred,
        email: p.email ?? null,
        phone: '01632 960 ' + String(100 + p.name.length * 7).slice(-3),
        how_to_contact: 'Phone in the afternoon',
        access_needs: p.accessNeeds ?? '',
        referred_from: 'Calder Valley Surgery',
        holder_id: worker.id,
      });
      return id;
    };
    const talk = async (
      recordId: string,
      daysAgo: number,
      said: { strengths: string; interests: string; skills: string; wouldLikeTo: string; getsInTheWay: string },
    ) =>
      insertConversation(trx, {
        place_id: place.id,
        record_id: recordId,
        held_on: date(daysAgo),
        held_by: worker.id,
        strengths: said.strengths,
        interests: said.interests,
        skills: said.skills,
        would_like_to: said.wouldLikeTo,
        gets_in_the_way: said.getsInTheWay,
      });
    const agree = async (
      recordId: string,
      daysAgo: number,
      shares: ShareItem[],
      messageBack: boolean,
      decision: 'agreed' | 'declined' = 'agreed',
    ) => {
      const id = await insertConsent(trx, {
        place_id: place.id,
        record_id: recordId,
        given_on: date(daysAgo),
        recorded_by: worker.id,
        decision,
        shares: shares.join(','),
        message_back: messageBack ? 1 : 0,
        wording: consentWording(t, { decision, shares, messageBack }),
        lang: 'en',
      });
      await touchRecord(trx, recordId, {
        episode_code: decision === 'agreed' ? SNOMED.referred.code : SNOMED.declined.code,
        episode_code_at: iso(daysAgo),
      });
      return id;
    };
    const refer = async (
      recordId: string,
      consentId: string,
      activity: { id: string; organisationId: string },
      sentDaysAgo: number,
      steps: Array<[ReferralStatus, number, string?]>,
    ) =>
      referWithHistory(trx, {
        placeId: place.id,
        workerId: worker.id,
        organiserId: demo.people.organiser?.id ?? worker.id,
        recordId,
        consentId,
        activity,
        sentAt: iso(sentDaysAgo),
        steps: steps.map(([s, d, r]) => [s, iso(d), r]),
      });
    const ons4 = async (recordId: string, timepoint: Timepoint, daysAgo: number, v: [number, number, number, number]) =>
      saveWellbeing(trx, {
        place_id: place.id,
        record_id: recordId,
        instrument: 'ons4',
        timepoint,
        answered_on: date(daysAgo),
        life: v[0],
        worthwhile: v[1],
        happy: v[2],
        anxious: v[3],
        answers: null,
        total: null,
        recorded_by: worker.id,
      });

    // Maggie: the whole journey, still walking six months on.
    const maggie = await open({
      name: 'Margaret Ellis',
      preferred: 'Maggie',
      email: 'maggie.ellis@example.org',
      accessNeeds: 'Uses a walking stick; a seat near the door helps',
      daysAgo: 200,
    });
    await talk(maggie, 200, {
      strengths: 'A brilliant baker; kept the chapel accounts for twenty years; a good listener',
      interests: 'walking, baking, local history',
      skills: 'Book-keeping, cake decorating',
      wouldLikeTo: 'Get out of the house more and meet people since her husband died',
      getsInTheWay: 'Confidence going somewhere new on her own; buses on Sundays',
    });
    const maggieConsent = await agree(maggie, 200, ['first_name', 'contact', 'access_needs'], true);
    await refer(maggie, maggieConsent, walk, 198, [
      ['accepted', 196],
      ['first_contact', 194],
      ['attended', 190],
      ['still_going', 100],
    ]);
    await ons4(maggie, 'referral', 200, [3, 4, 3, 7]);
    await ons4(maggie, '3m', 110, [5, 6, 5, 5]);
    await ons4(maggie, '6m', 20, [7, 7, 6, 3]);
    await insertHealthNote(trx, {
      place_id: place.id,
      record_id: maggie,
      body: 'Bereaved last winter. GP has offered bereavement counselling; she would rather start with the walking group.',
      written_by: worker.id,
    });

    // Edna has a Kith account: she sees her own record.
    if (demo.people.resident) {
      const edna = await open({
        name: demo.people.resident.name,
        preferred: 'Edna',
        email: demo.people.resident.email,
        personId: demo.people.resident.id,
        daysAgo: 120,
      });
      await talk(edna, 120, {
        strengths: 'Knows everyone on her street',
        interests: 'singing, gardening',
        skills: 'Sewing',
        wouldLikeTo: 'Sing again, like she did in the chapel choir',
        getsInTheWay: 'Hearing in noisy rooms',
      });
      const consent = await agree(edna, 120, ['first_name', 'contact', 'access_needs', 'interests'], false);
      await refer(edna, consent, others[1] ?? walk, 118, [
        ['accepted', 115],
        ['first_contact', 112],
        ['attended', 105],
      ]);
      await ons4(edna, 'referral', 120, [5, 5, 4, 6]);
      await ons4(edna, '3m', 25, [6, 7, 6, 4]);
    }

    // Arthur's referral has waited three weeks: Daniel is reminded.
    const arthur = await open({ name: 'Arthur Bell', preferred: 'Arthur', daysAgo: 24 });
    await talk(arthur, 24, {
      strengths: 'Fixed engines all his working life',
      interests: 'walking, repairing things',
      skills: 'Mechanics',
      wouldLikeTo: 'Be useful',
      getsInTheWay: 'Money is tight',
    });
    const arthurConsent = await agree(arthur, 24, ['first_name', 'contact'], true);
    await refer(arthur, arthurConsent, walk, 21, []);
    if (others[0]) await refer(arthur, arthurConsent, others[0], 21, [['accepted', 18]]);

    const priti = await open({ name: 'Priti Kaur', preferred: 'Priti', daysAgo: 10 });
    await talk(priti, 10, {
      strengths: 'Warm, funny, a great cook',
      interests: 'walking, cooking',
      skills: 'Punjabi cooking',
      wouldLikeTo: 'Make friends locally',
      getsInTheWay: 'New to the area',
    });
    const pritiConsent = await agree(priti, 10, ['first_name'], false);
    await refer(priti, pritiConsent, walk, 9, [
      ['accepted', 8],
      ['first_contact', 6],
    ]);

    const george = await open({ name: 'George Walker', preferred: 'George', daysAgo: 60 });
    await talk(george, 60, {
      strengths: 'Patient, good with his hands',
      interests: 'football, walking',
      skills: 'Joinery',
      wouldLikeTo: 'Get fitter',
      getsInTheWay: 'No car',
    });
    const georgeConsent = await agree(george, 60, ['first_name', 'contact'], true);
    await refer(george, georgeConsent, walk, 58, [
      ['accepted', 55],
      ['did_not_attend', 40, 'transport'],
    ]);
    if (others[2]) await refer(george, georgeConsent, others[2], 58, [['declined', 50, 'person_declined']]);

    const sam = await open({ name: 'Sam Osei', preferred: 'Sam', daysAgo: 30 });
    await talk(sam, 30, {
      strengths: 'Creative',
      interests: 'music',
      skills: 'Guitar',
      wouldLikeTo: 'Not sure yet',
      getsInTheWay: 'Shift work',
    });
    await agree(sam, 30, [], false, 'declined');

    // Forty more, in outline: enough for reports to show numbers rather than "fewer than 5".
    const rng = generator(20261126);
    const targets = [walk, ...others];
    for (let i = 0; i < 40; i++) {
      const start = rng.int(40, 330);
      const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
      const id = await open({ name, preferred: name.split(' ')[0]!, daysAgo: start });
      await talk(id, start, {
        strengths: 'Noted in conversation',
        interests: 'walking, company',
        skills: '',
        wouldLikeTo: 'Meet people',
        getsInTheWay: '',
      });
      const consent = await agree(id, start, ['first_name', 'contact'], rng.next() < 0.7);
      const target = targets[i % targets.length]!;
      const roll = rng.next();
      const steps: Array<[ReferralStatus, number, string?]> =
        roll < 0.1
          ? [['declined', start - 3, 'full']]
          : roll < 0.2
            ? [
                ['accepted', start - 2],
                ['did_not_attend', start - 12, 'changed_mind'],
              ]
            : roll < 0.3
              ? [['accepted', start - 2]]
              : roll < 0.4
                ? [
                    ['accepted', start - 2],
                    ['first_contact', start - 5],
                  ]
                : start > 100
                  ? [
                      ['accepted', start - 2],
                      ['first_contact', start - 4],
                      ['attended', start - 8],
                      ['still_going', start - 95],
                    ]
                  : [
                      ['accepted', start - 2],
                      ['first_contact', start - 4],
                      ['attended', start - 8],
                    ];
      await refer(
        id,
        consent,
        target,
        start - 1,
        steps.filter(([, d]) => d > 0),
      );
      const base: [number, number, number, number] = [rng.int(2, 6), rng.int(3, 6), rng.int(2, 6), rng.int(4, 8)];
      await ons4(id, 'referral', start, base);
      const lift = (v: [number, number, number, number], k: number): [number, number, number, number] => [
        Math.min(10, v[0] + rng.int(-1, k)),
        Math.min(10, v[1] + rng.int(-1, k)),
        Math.min(10, v[2] + rng.int(-1, k)),
        Math.max(0, v[3] - rng.int(-1, k)),
      ];
      if (start > 95) await ons4(id, '3m', start - 91, lift(base, 2));
      if (start > 185) await ons4(id, '6m', start - 182, lift(base, 3));
    }
  });
  demo.prescribing = { walkingActivityId: walk.id };
}

async function referWithHistory(
  trx: Trx,
  r: {
    placeId: string;
    workerId: string;
    organiserId: string;
    recordId: string;
    consentId: string;
    activity: { id: string; organisationId: string };
    sentAt: string;
    steps: Array<[ReferralStatus, string, string?]>;
  },
): Promise<void> {
  const id = randomUUID();
  await insertReferral(trx, {
    id,
    place_id: r.placeId,
    record_id: r.recordId,
    target_kind: 'activity',
    target_id: r.activity.id,
    organisation_id: r.activity.organisationId,
    status: 'sent',
    reason: null,
    reason_detail: null,
    note: '',
    consent_id: r.consentId,
    referred_by: r.workerId,
    sent_at: r.sentAt,
    accepted_at: null,
    first_contact_at: null,
    attended_at: null,
    still_going_at: null,
    ended_at: null,
    last_change_at: r.sentAt,
    stall_reminded_for: null,
    snomed_code: null,
    snomed_at: null,
    updated_at: r.sentAt,
  });
  await insertReferralEvent(trx, {
    place_id: r.placeId,
    referral_id: id,
    status: 'sent',
    reason: null,
    detail: null,
    actor_id: r.workerId,
    snomed_code: null,
    at: r.sentAt,
  });
  for (const [status, at, reason] of r.steps) {
    const code = snomedFor({ to: status, reason });
    const stamp = timestampFor(status);
    await updateReferral(trx, id, {
      status,
      ...(stamp ? { [stamp]: at } : {}),
      ...(reason ? { reason } : {}),
      ...(code ? { snomed_code: code, snomed_at: at } : {}),
      last_change_at: at,
      updated_at: at,
    });
    await insertReferralEvent(trx, {
      place_id: r.placeId,
      referral_id: id,
      status,
      reason: reason ?? null,
      detail: null,
      actor_id: r.organiserId,
      snomed_code: code,
      at,
    });
  }
}
