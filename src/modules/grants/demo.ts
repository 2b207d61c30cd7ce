import type { Kith } from '../../kith.js';
import { addDays, todayInPlace } from '../../platform/dates.js';
import type { DemoState } from '../module.js';
import { renderPdf } from '../../web/pdf.js';
import { attachSupportingFile } from './files.js';
import { acceptAward, addToPanel, createFund, createRound, decide, startApplication } from './grants.js';
import { planPayment, recordPaid, varyAward } from './awards.js';
import { applicationsIn, questionsOf } from './store.js';

const blank = { charityNumber: '', companyNumber: '', hostName: '', hostCharityNumber: '', hostCompanyNumber: '' };

/**
 * Calderbrook's Community Chest: a round that closed last month (decided by a panel
 * of young people and officers, with its awards published as 360Giving data) and one
 * open now, decided by a panel shortlist and then a vote of residents.
 */
export async function demoGrants(kith: Kith, demo: DemoState): Promise<void> {
  const place = demo.places.calderbrook;
  const p = demo.people;
  if (!place || !p.officer || !p.organiser || !p.resident || !p.youngResident) return;
  const officer = p.officer.id;
  const today = todayInPlace();
  const fund = await createFund(kith, {
    placeId: place.id,
    personId: officer,
    fund: {
      name: 'Calderbrook Community Chest',
      purpose: 'Small grants for groups of neighbours doing something good for Calderbrook.',
      funderName: 'Calder Valley Council',
      funderId: 'GB-LAE-CAL',
      prefix: '360G-calderbrook',
      allowsIndividuals: false,
    },
  });
  const common = {
    purpose: 'Projects that bring neighbours together, chosen with young people.',
    budget: 500_000,
    minAward: 25_000,
    maxAward: 150_000,
    whoMayApply: ['constituted', 'informal'] as Array<'constituted' | 'informal'>,
    area: 'Calderbrook and Hebble Bridge',
    districts: [],
    ballotKind: 'budget' as const,
    voteMaxProjects: 0,
    criteria: [
      { name: 'Benefits local people', n: 3 },
      { name: 'Involves residents in running it', n: 2 },
      { name: 'Good value for money', n: 1 },
    ],
    questions: [{ name: 'What will you do, and who will take part?', n: 250 }],
  };
  // An earlier round: applications taken while it was open, then decided by the panel.
  const past = await createRound(kith, {
    placeId: place.id,
    personId: officer,
    fundId: fund,
    round: {
      ...common,
      title: 'Autumn round',
      opensOn: addDays(today, -90),
      closesOn: addDays(today, -30),
      decidedBy: 'panel',
      voteOpensOn: null,
      voteClosesOn: null,
    },
  });
  const whenOpen = new Date(Date.now() - 60 * 86_400_000);
  const [q] = await questionsOf(kith.db.kysely, past);
  const apply = (personId: string, fields: Record<string, unknown>, roundId: string, now?: Date) =>
    startApplication(kith, {
      placeId: place.id,
      personId,
      roundId,
      action: 'submit',
      now,
      fields: {
        ...blank,
        applicantKind: 'constituted',
        groupName: '',
        projectTitle: '',
        summary: '',
        budgetLines: [],
        amountPence: 0,
        answers: {},
        ...fields,
      } as Parameters<typeof startApplication>[1]['fields'],
    });
  const lines = (pence: number, item: string) => ({ budgetLines: [{ item, pence }], amountPence: pence });
  await apply(
    p.organiser.id,
    {
      groupName: 'Calderbrook Community Garden',
      charityNumber: '1100123',
      projectTitle: 'Raised beds for the community garden',
      summary: 'Raised beds so that older neighbours and wheelchair users can garden with everyone else.',
      ...lines(120_000, 'Timber, soil and tools'),
      answers: { [q!.id]: 'We will build six raised beds with volunteers over four Saturdays.' },
    },
    past,
    whenOpen,
  );
  await apply(
    p.resident.id,
    {
      applicantKind: 'informal',
      groupName: 'Hebble Bridge Knit and Natter',
      hostName: 'Hebble Bridge Community Centre',
      hostCompanyNumber: '04567890',
      projectTitle: 'Wool and tea for Knit and Natter',
      summary: 'A weekly afternoon of knitting and company for anyone who wants to come.',
      ...lines(40_000, 'Wool, needles and refreshments for a year'),
      answers: { [q!.id]: 'Twenty neighbours meet every Tuesday; the grant keeps it free.' },
    },
    past,
    whenOpen,
  );
  for (const key of ['officer', 'youngResident'] as const)
    await addToPanel(kith, { placeId: place.id, personId: officer, roundId: past, email: p[key]!.email });
  for (const a of await applicationsIn(kith.db.kysely, past))
    await decide(kith, {
      placeId: place.id,
      personId: officer,
      roundId: past,
      applicationId: a.id,
      outcome: 'full',
      amountPence: 0,
      reasons: 'Scored well on every criterion; the panel agreed to fund it in full.',
    });

  // The garden accepted its award: the officer set its end date and planned two payments, the first paid.
  const garden = (await applicationsIn(kith.db.kysely, past)).find((a) => a.applicantId === p.organiser!.id);
  if (garden) {
    await acceptAward(kith, { placeId: place.id, personId: p.organiser.id, applicationId: garden.id });
    await varyAward(kith, {
      placeId: place.id,
      personId: officer,
      applicationId: garden.id,
      amountPence: null,
      endsOn: addDays(today, 150),
      reason: 'The beds are built over four Saturdays in the spring; the group reports back once the summer is over.',
    });
    const first = await planPayment(kith, {
      placeId: place.id,
      personId: officer,
      applicationId: garden.id,
      dueOn: addDays(today, -7),
      amountPence: 80_000,
    });
    await planPayment(kith, {
      placeId: place.id,
      personId: officer,
      applicationId: garden.id,
      dueOn: addDays(today, 60),
      amountPence: 40_000,
    });
    await recordPaid(kith, {
      placeId: place.id,
      personId: officer,
      applicationId: garden.id,
      paymentId: first,
      paidOn: addDays(today, -5),
    });
  }

  // The round open now, decided by a shortlist and then a vote.
  const open = await createRound(kith, {
    placeId: place.id,
    personId: officer,
    fundId: fund,
    round: {
      ...common,
      title: 'Spring round',
      opensOn: addDays(today, -7),
      closesOn: addDays(today, 21),
      decidedBy: 'panel_then_vote',
      voteOpensOn: addDays(today, 28),
      voteClosesOn: addDays(today, 42),
    },
  });
  for (const key of ['officer', 'youngResident'] as const)
    await addToPanel(kith, { placeId: place.id, personId: officer, roundId: open, email: p[key]!.email });
  const [q2] = await questionsOf(kith.db.kysely, open);
  const seedSwap = await apply(
    p.organiser.id,
    {
      groupName: 'Calderbrook Community Garden',
      charityNumber: '1100123',
      projectTitle: 'Seed swap and growing days',
      summary: 'Four growing days in the spring, with a seed swap for anyone in Calderbrook.',
      ...lines(60_000, 'Seeds, compost and a gazebo'),
      answers: { [q2!.id]: 'Anyone can come; young people from the youth club will run the seed swap.' },
    },
    open,
  );
  // A supporting file on it: the quote the garden got for what the grant would buy.
  const quote = await renderPdf(
    { title: 'Quote: seeds, compost and a gazebo', lang: 'en', author: 'Hebble Garden Supplies' },
    (w) => {
      w.heading('Quote: seeds, compost and a gazebo');
      w.summary([
        ['Seeds for four growing days', '£180.00'],
        ['Peat-free compost, 20 bags', '£170.00'],
        ['Gazebo, 3 m by 3 m', '£250.00'],
        ['Total', '£600.00'],
      ]);
    },
  );
  await attachSupportingFile(kith, {
    placeId: place.id,
    personId: p.organiser.id,
    applicationId: seedSwap,
    file: { fileName: 'Quote from Hebble Garden Supplies.pdf', contentType: 'application/pdf', bytes: quote },
  });
}
