/** What the grants benchmarks share: a fund and round on the county, and applications to it in bulk. */
import type { Insertable } from 'kysely';
import type { Kith } from '../src/kith.js';
import type { GrantApplicationTable } from '../src/modules/grants/schema.js';
import { insertFund, insertRound, type NewRound } from '../src/modules/grants/store.js';
import type { Rng } from './random.js';

export async function benchRound(
  kith: Kith,
  placeId: string,
  over: Partial<NewRound> & { title: string },
): Promise<string> {
  const fundId = await insertFund(kith.db.kysely, {
    placeId,
    name: 'County community fund',
    purpose: 'Benchmark',
    funderId: 'GB-LAE-CNT',
    funderName: 'County Council',
    prefix: '360G-county',
    allowsIndividuals: true,
    createdBy: 'bench',
  });
  return insertRound(kith.db.kysely, {
    placeId,
    fundId,
    purpose: 'Benchmark',
    budgetPence: 10_000_000,
    minAwardPence: 10_000,
    maxAwardPence: 500_000,
    whoMayApply: ['constituted', 'informal', 'individual'],
    area: 'County',
    districts: [],
    opensAt: '2026-01-01T00:00:00.000Z',
    closesAt: '2026-02-01T00:00:00.000Z',
    decidedBy: 'panel',
    voteOpensAt: null,
    voteClosesAt: null,
    ballotKind: 'count',
    voteMaxProjects: 5,
    criteria: [],
    questions: [],
    createdBy: 'bench',
    ...over,
  });
}

/** The i-th submitted application: mostly constituted groups, some informal ones with a host, a few individuals. */
export function applicationRow(
  rng: Rng,
  placeId: string,
  roundId: string,
  i: number,
): Insertable<GrantApplicationTable> {
  const pence = rng.int(100, 5_000) * 100;
  const kind = i % 10 === 9 ? 'individual' : i % 5 === 3 ? 'informal' : 'constituted';
  return {
    id: rng.uuid(),
    place_id: placeId,
    round_id: roundId,
    applicant_id: rng.uuid(),
    applicant_kind: kind,
    group_name: kind === 'individual' ? '' : `Group ${i}`,
    charity_number: kind === 'constituted' && i % 2 ? String(1_100_000 + i) : '',
    company_number: '',
    host_name: kind === 'informal' ? `Host ${i % 40}` : '',
    host_charity_number: kind === 'informal' ? String(1_000_000 + (i % 40)) : '',
    host_company_number: '',
    project_title: `Project ${i}: a year of “things” for the neighbourhood`,
    summary:
      'A generated project, about as long as a real summary: who it is for, what will happen, where, and what difference it will make to the people who come.',
    budget_lines: JSON.stringify([
      { item: 'Room hire', pence: Math.floor(pence / 2) },
      { item: 'Materials', pence: pence - Math.floor(pence / 2) },
    ]),
    amount_pence: pence,
    answers: '{}',
    status: 'submitted',
    submitted_at: new Date(Date.parse('2026-01-02T00:00:00Z') + i * 60_000).toISOString(),
    created_at: '2026-01-02T00:00:00.000Z',
    updated_at: '2026-01-02T00:00:00.000Z',
  };
}
