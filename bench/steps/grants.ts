/**
 * A resident vote on the county: 200 shortlisted projects and 100,000 ballots (a tenth
 * with --quick), each choosing one to five projects, more often the popular ones. The
 * result is recomputed from the stored ballots as the round's page and `kith grants
 * tally` do, and set beside the machine's own limit: reading the same ballots and
 * nothing else.
 */
import { performance } from 'node:perf_hooks';
import type { Insertable } from 'kysely';
import { resultOf } from '../../src/modules/grants/grants.js';
import type { GrantApplicationTable, GrantBallotTable } from '../../src/modules/grants/schema.js';
import { findRound, insertFund, insertRound } from '../../src/modules/grants/store.js';
import { bulkInsert } from '../insert.js';
import { figure } from '../report.js';
import { Rng } from '../random.js';
import type { BenchStep } from '../step.js';

export const grantsStep: BenchStep = {
  name: 'grants',
  description: 'a grants vote: 100,000 ballots over 200 projects tallied from the database',
  async run(context) {
    const { kith, generation, options, log } = context;
    const county = generation.dataset.county!;
    const rng = Rng.forCapability(options.seed, 'bench.grants');
    const projects = 200;
    const ballots = options.quick ? 10_000 : 100_000;
    const fundId = await insertFund(kith.db.kysely, {
      placeId: county.id,
      name: 'County participatory budget',
      purpose: 'Benchmark',
      funderId: 'GB-LAE-CNT',
      funderName: 'County Council',
      prefix: '360G-county',
      allowsIndividuals: false,
      createdBy: 'bench',
    });
    const roundId = await insertRound(kith.db.kysely, {
      placeId: county.id,
      fundId,
      title: 'County vote',
      purpose: 'Benchmark',
      budgetPence: 10_000_000,
      minAwardPence: 10_000,
      maxAwardPence: 500_000,
      whoMayApply: ['constituted'],
      area: 'County',
      districts: [],
      opensAt: '2026-01-01T00:00:00.000Z',
      closesAt: '2026-02-01T00:00:00.000Z',
      decidedBy: 'vote',
      voteOpensAt: '2026-02-08T00:00:00.000Z',
      voteClosesAt: '2026-03-01T00:00:00.000Z',
      ballotKind: 'count',
      voteMaxProjects: 5,
      criteria: [],
      questions: [],
      createdBy: 'bench',
    });
    const ids: string[] = [];
    const applications: Array<Insertable<GrantApplicationTable>> = [];
    for (let i = 0; i < projects; i++) {
      const id = rng.uuid();
      ids.push(id);
      const pence = rng.int(100, 5_000) * 100;
      applications.push({
        id,
        place_id: county.id,
        round_id: roundId,
        applicant_id: rng.uuid(),
        applicant_kind: 'constituted',
        group_name: `Group ${i}`,
        charity_number: '',
        company_number: '',
        host_name: '',
        host_charity_number: '',
        host_company_number: '',
        project_title: `Project ${i}`,
        summary: 'A generated project',
        budget_lines: JSON.stringify([{ item: 'All of it', pence }]),
        amount_pence: pence,
        answers: '{}',
        status: 'submitted',
        submitted_at: new Date(Date.parse('2026-01-02T00:00:00Z') + i * 60_000).toISOString(),
        created_at: '2026-01-02T00:00:00.000Z',
        updated_at: '2026-01-02T00:00:00.000Z',
      });
    }
    await bulkInsert(kith.db, 'grant_applications', applications);
    function* ballotRows(): Generator<Insertable<GrantBallotTable>> {
      for (let i = 0; i < ballots; i++) {
        const chosen = new Set<string>();
        const n = rng.int(1, 5);
        // Popular projects are chosen more often: the square of a uniform draw leans to the front.
        while (chosen.size < n) chosen.add(ids[Math.floor((rng.int(0, 999_999) ** 2 / 1e12) * projects)]!);
        yield {
          place_id: county.id,
          round_id: roundId,
          person_id: rng.uuid(),
          choices: [...chosen].join(','),
          district: '',
          cast_at: '2026-02-10T00:00:00.000Z',
          updated_at: '2026-02-10T00:00:00.000Z',
        };
      }
    }
    const loadStarted = performance.now();
    await bulkInsert(kith.db, 'grant_ballots', ballotRows());
    log(`  grants: ${figure(ballots)} ballots stored in ${figure((performance.now() - loadStarted) / 1000, 1)} s`);

    const round = (await findRound(kith.db.kysely, county.id, roundId))!;
    const runs = 5;
    const tallies: number[] = [];
    const reads: number[] = [];
    let counted = 0;
    for (let r = 0; r < runs; r++) {
      let started = performance.now();
      const { result } = await resultOf(kith, round);
      tallies.push(performance.now() - started);
      counted = result.ballots;
      started = performance.now();
      let rows = 0;
      let after = '';
      for (;;) {
        const page = await kith.db.kysely
          .selectFrom('grant_ballots')
          .select(['person_id', 'choices'])
          .where('round_id', '=', roundId)
          .where('person_id', '>', after)
          .orderBy('person_id')
          .limit(5000)
          .execute();
        rows += page.length;
        if (page.length < 5000) break;
        after = page[page.length - 1]!.person_id;
      }
      reads.push(performance.now() - started);
      if (rows !== ballots) throw new Error(`read ${rows} ballots, expected ${ballots}`);
    }
    if (counted !== ballots) throw new Error(`the tally counted ${counted} ballots, expected ${ballots}`);
    const best = (xs: number[]) => Math.min(...xs);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return [
      {
        title: 'A resident vote, tallied from the stored ballots',
        table: {
          columns: ['measure', 'ballots', 'projects', 'best ms', 'mean ms', 'goal'],
          numeric: [1, 2, 3, 4],
          rows: [
            [
              'tally (resultOf)',
              figure(ballots),
              figure(projects),
              figure(best(tallies)),
              figure(mean(tallies)),
              '< 2,000 ms',
            ],
            [
              'reading the ballots only',
              figure(ballots),
              figure(projects),
              figure(best(reads)),
              figure(mean(reads)),
              'the ceiling',
            ],
            [
              'tally ÷ reading',
              '',
              '',
              figure(best(tallies) / best(reads), 2),
              figure(mean(tallies) / mean(reads), 2),
              '',
            ],
          ],
        },
        notes: [
          `${figure(ballots)} ballots of one to five projects each (the popular ones chosen more often) over ${figure(projects)} projects, ${runs} runs.`,
          'Measured: resultOf as the round’s page, the publish button and `kith grants tally` call it: the candidates read, the ballots read in pages of 5,000 in key order, counted, ordered (ties: the earlier submission first) and funded while the budget lasts. The ceiling reads the same pages and does nothing with them.',
        ],
      },
    ];
  },
};
