/**
 * Matching for a request: the top 10 offers and top 10 people, ranked, with reasons,
 * among the generated county's offers (50,000 in a full run) and people who said what
 * they can help with (100,000), in process.
 */
import { performance } from 'node:perf_hooks';
import { matchesFor, CANDIDATE_CAP } from '../../src/modules/exchanges/matches.js';
import { findPost } from '../../src/modules/exchanges/store.js';
import { figure, percentile } from '../report.js';
import type { TimebankDataset } from '../timebank.js';
import type { BenchStep } from '../step.js';

export const matchingStep: BenchStep = {
  name: 'matching',
  description: 'top-10 matches for a request among the county’s offers and helpers, in process',
  async run({ kith, generation, options, log }) {
    const tb = (generation.dataset as unknown as { timebank: TimebankDataset }).timebank;
    const requests = [];
    for (const id of tb.requestIds.slice(0, options.quick ? 100 : 300))
      requests.push((await findPost(kith.db.kysely, id))!);
    for (const r of requests.slice(0, 20)) await matchesFor(kith.db.kysely, r, { isCoordinator: false });
    const times: number[] = [];
    let found = 0;
    for (let round = 0; round < 2; round++) {
      for (const request of requests) {
        const t0 = performance.now();
        const m = await matchesFor(kith.db.kysely, request, { isCoordinator: round === 1 });
        times.push(performance.now() - t0);
        found += m.posts.length + m.people.length;
      }
    }
    times.sort((a, b) => a - b);
    const ms = (v: number) => figure(v, 2);
    log(`  p50 ${ms(percentile(times, 50))} ms, p95 ${ms(percentile(times, 95))} ms over ${times.length} requests`);
    return [
      {
        title: 'Matching a request (top 10 offers and top 10 people)',
        table: {
          columns: ['measure', 'value'],
          numeric: [1],
          rows: [
            ['offers in the place', figure(tb.offers)],
            ['people saying what they can help with', figure(tb.helpers)],
            ['requests matched', figure(times.length)],
            ['average suggestions returned', figure(found / times.length, 1)],
            ['p50 ms', ms(percentile(times, 50))],
            ['**p95 ms (goal < 50)**', `**${ms(percentile(times, 95))}**`],
          ],
        },
        notes: [
          `Candidates: the ${figure(CANDIDATE_CAP)} newest open offers in the request's category, and the offers and people sharing the most of its category and words (at most ${figure(CANDIDATE_CAP)} word-index entries read per word, for its first 8 words); then ranked in process by category, words, distance between district centres and days.`,
          'Half the requests are matched as a resident (people who chose "coordinators only" are left out), half as a coordinator.',
        ],
      },
    ];
  },
};
