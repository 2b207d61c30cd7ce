/**
 * Calderbrook's open process, "Ideas for Hebble Park": ideas were gathered last month,
 * residents now comment and support them, and a vote follows. A few proposals have
 * supports, a comment and one suggested change; the repair café answered the ladder
 * self-assessment twice.
 */
import type { Kith } from '../../kith.js';
import { addDays, todayInPlace } from '../../platform/dates.js';
import type { DemoState } from '../module.js';
import { needTerms } from '../directory/index.js';
import { publishedOutcomes } from '../outcomes/index.js';
import {
  addPhase,
  argue,
  assess,
  comment,
  createDecision,
  createProcess,
  propose,
  respondToConsent,
  suggestAmendment,
  summariseDebate,
  support,
} from './participation.js';

export async function demoParticipation(kith: Kith, demo: DemoState): Promise<void> {
  const place = demo.places.calderbrook;
  const p = demo.people;
  if (!place || !p.officer || !p.resident || !p.organiser || !p.youngResident || !p.gardener) return;
  const placeId = place.id;
  const officer = p.officer.id;
  const today = todayInPlace();
  const processId = await createProcess(kith, {
    placeId,
    personId: officer,
    process: {
      title: 'Ideas for Hebble Park',
      description:
        'The council has £40,000 to improve Hebble Park this year. Residents propose ideas, talk them through and vote; the three most chosen are built, and we report back here on each.',
      easyRead: [
        'The council has money to make Hebble Park better.',
        'We have £40,000 to spend this year.',
        'You can tell us your ideas for the park.',
        'You can say which ideas you like.',
        'Then everyone can vote.',
        'We will build the 3 ideas with the most votes.',
        'We will tell you here how each idea is going.',
      ].join('\n'),
    },
  });
  const gather = await addPhase(kith, {
    placeId,
    personId: officer,
    processId,
    phase: {
      title: 'Gather ideas',
      description: 'Tell us what would make the park better for you.',
      opensOn: addDays(today, -30),
      closesOn: addDays(today, 7),
      activities: ['propose', 'support', 'debate'],
      rung: 'consultation',
    },
  });
  void gather;
  const vote = await addPhase(kith, {
    placeId,
    personId: officer,
    processId,
    phase: {
      title: 'Vote',
      description: 'Choose up to three ideas. The three most chosen are built.',
      opensOn: addDays(today, 8),
      closesOn: addDays(today, 21),
      activities: ['vote'],
      rung: 'codesign',
    },
  });
  await addPhase(kith, {
    placeId,
    personId: officer,
    processId,
    phase: {
      title: 'You said, we did',
      description: 'We report on each chosen idea as it is built.',
      opensOn: addDays(today, 22),
      closesOn: addDays(today, 200),
      activities: [],
      rung: 'informing',
    },
  });
  await createDecision(kith, {
    placeId,
    personId: officer,
    processId,
    decision: {
      kind: 'approval',
      title: 'Choose the park’s three ideas',
      threshold: 0,
      phaseId: vote,
      maxChoices: 3,
      winners: 3,
    },
  });
  const ideas: Array<[string, string, string, string]> = [
    [
      p.resident.id,
      'Benches along the canal path',
      'Somewhere to rest between the lock and the bridge, for older walkers.',
      'Canal side',
    ],
    [
      p.youngResident.id,
      'A covered shelter for teenagers',
      'Somewhere dry to meet in the evenings that is not the bus stop.',
      'Top field',
    ],
    [
      p.gardener.id,
      'A community orchard',
      'Twenty fruit trees planted and looked after by neighbours, with a picking day each autumn.',
      'Lower meadow',
    ],
    [
      p.organiser.id,
      'Better lighting on the main path',
      'Lights from the Hebble Road gate to the play area, so the path is safe after dark.',
      '',
    ],
  ];
  // Each idea says which needs (the directory's vocabulary) and which outcomes (the
  // published framework) it answers, so the list can be filtered by them.
  const outcomeId = new Map((await publishedOutcomes(kith.db.kysely, placeId)).map((o) => [o.title, o.id]));
  const answers: Array<[string[], string[]]> = [
    [['older-people', 'physical-activity'], ['People feel less lonely']],
    [['young-people'], ['People feel their lives are worthwhile']],
    [
      ['food', 'environment'],
      ['People give time to help each other', 'People feel less lonely'],
    ],
    [[], []],
  ];
  const needCodes = new Set((await needTerms(kith.db.kysely, placeId)).map((n) => n.code));
  const ids: string[] = [];
  for (const [i, [author, title, body, area]] of ideas.entries()) {
    const [needs, outcomes] = answers[i]!;
    ids.push(
      await propose(kith, {
        placeId,
        personId: author,
        processId,
        proposal: {
          title,
          body,
          area,
          needs: needs.filter((n) => needCodes.has(n)),
          outcomes: outcomes.flatMap((o) => outcomeId.get(o) ?? []),
        },
      }),
    );
  }
  const supporters = [p.resident.id, p.youngResident.id, p.gardener.id, p.organiser.id, officer];
  for (const [i, id] of ids.entries())
    for (const person of supporters.slice(0, 4 - i))
      await support(kith, { placeId, personId: person, proposalId: id, follow: person !== officer });
  // The demo's other residents, when it has them: two in three back an idea; the rest
  // have not taken part yet, which the equality page shows beside the place's members.
  for (const [i, person] of (demo.residents ?? []).entries())
    if (i % 3 !== 2)
      await support(kith, { placeId, personId: person, proposalId: ids[i % ids.length]!, follow: false });
  await comment(kith, {
    placeId,
    personId: p.gardener.id,
    proposalId: ids[0]!,
    body: 'Yes please, and one near the lock gates where people stop to watch the boats.',
  });
  await suggestAmendment(kith, {
    placeId,
    personId: p.organiser.id,
    proposalId: ids[2]!,
    body: 'Twenty fruit trees planted and looked after by neighbours, with a picking day each autumn and a juicing morning for the school.',
  });
  await demoGardenGroup(kith, placeId, officer, p);
  for (const answers of [
    {
      assets: 1,
      capabilities: 1,
      mutuality: 0,
      peers: 1,
      roles: 0,
      facilitating: 1,
      informing: 2,
      listening: 1,
      sharing: 0,
      delivering: 1,
    },
    {
      assets: 2,
      capabilities: 2,
      mutuality: 2,
      peers: 2,
      roles: 1,
      facilitating: 2,
      informing: 3,
      listening: 2,
      sharing: 1,
      delivering: 2,
    },
  ])
    await assess(kith, {
      placeId,
      personId: p.organiser.id,
      assessment: { service: 'Calderbrook Repair Café', answers },
    });
}

/**
 * The Hebble community garden's small group decides by consent whether to open on
 * Sundays: the decision is open now; two have consented, one stood aside, and one
 * objected with a reason the facilitator has yet to address.
 */
async function demoGardenGroup(kith: Kith, placeId: string, officer: string, p: DemoState['people']): Promise<void> {
  const today = todayInPlace();
  const processId = await createProcess(kith, {
    placeId,
    personId: officer,
    process: {
      title: 'Hebble community garden: how we run it',
      description:
        'The garden’s members decide together how the garden is run. Proposals are talked through and decided by consent: anyone can object, and objections are worked through before anything goes ahead.',
      // Written in Welsh, as a facilitator may: the page marks it as Welsh for screen readers.
      easyRead: [
        'Aelodau’r ardd sy’n penderfynu sut mae’r ardd yn cael ei rhedeg.',
        'Gall unrhyw aelod wneud cynnig.',
        'Rydyn ni’n siarad am bob cynnig gyda’n gilydd.',
        'Gallwch chi gytuno, sefyll o’r neilltu, neu wrthwynebu.',
        'Os oes rhywun yn gwrthwynebu, rydyn ni’n gwrando ac yn newid y cynnig.',
      ].join('\n'),
    },
  });
  const phaseId = await addPhase(kith, {
    placeId,
    personId: officer,
    processId,
    phase: {
      title: 'Talk it through and decide',
      description: 'Say what you think, then consent, stand aside or object.',
      opensOn: addDays(today, -7),
      closesOn: addDays(today, 14),
      activities: ['propose', 'debate', 'vote'],
      rung: 'coproduction',
    },
  });
  const proposalId = await propose(kith, {
    placeId,
    personId: p.gardener!.id,
    processId,
    proposal: {
      title: 'Open the garden on Sunday afternoons',
      body: 'Open the gates from 2 till 5 on Sundays, with one member on hand to welcome visitors.',
      area: 'Hebble community garden',
    },
  });
  const decisionId = await createDecision(kith, {
    placeId,
    personId: officer,
    processId,
    decision: {
      kind: 'consent',
      title: 'Sunday opening, by consent',
      threshold: 0,
      phaseId,
      maxChoices: 0,
      winners: 0,
      proposalId,
    },
  });
  const responses: Array<[string, 'consent' | 'standAside' | 'object', string]> = [
    [p.gardener!.id, 'consent', ''],
    [p.organiser!.id, 'consent', ''],
    [p.youngResident!.id, 'standAside', ''],
    [
      p.resident!.id,
      'object',
      'Sunday is the only quiet day for the houses backing on to the garden. Could we start at 2 and keep tools away until 3?',
    ],
  ];
  for (const [personId, response, reason] of responses)
    await respondToConsent(kith, { placeId, personId, decisionId, response, reason });
  // The proposal's debate, summarised by the facilitator (the officer who runs the process).
  const debate: Array<[string, 'for' | 'against', string]> = [
    [p.gardener!.id, 'for', 'Sunday is when families are free: the garden should be open when people can come.'],
    [p.youngResident!.id, 'for', 'Somewhere to go on a Sunday that is outdoors and free.'],
    [p.resident!.id, 'against', 'The houses backing on to the garden get one quiet day a week.'],
  ];
  for (const [personId, side, body] of debate) await argue(kith, { placeId, personId, proposalId, side, body });
  await summariseDebate(kith, {
    placeId,
    personId: officer,
    proposalId,
    body: 'Most want Sunday opening for families; the worry is noise for the neighbours. A later start and no tools before 3 may answer both.',
  });
}
