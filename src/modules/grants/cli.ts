/** `kith grants tally <round>`: a vote's result recomputed from the stored ballots, and compared with what was published. */
import type { KithCommand } from '../module.js';
import { resultOf } from './grants.js';
import { formatPence } from './rules.js';
import { ballotDistrictsIn, decisionsIn, findRoundById } from './store.js';

export const grantsCommands: KithCommand[] = [
  {
    name: 'grants tally',
    summary:
      'recount a grants vote from its stored ballots and compare with the published result; exits 1 on any difference',
    arguments: [['<round>', 'the round’s id']],
    async run(kith, input, io) {
      const round = await findRoundById(kith.db.kysely, input.args[0]!);
      if (!round || round.decidedBy === 'panel') {
        io.err(`No voted round with the id ${input.args[0]}.`);
        return 1;
      }
      const { candidates, result } = await resultOf(kith, round);
      const titles = new Map(candidates.map((c) => [c.id, c.projectTitle]));
      io.out(`${round.title}: ${result.ballots} ballots, budget ${formatPence(round.budgetPence)}.`);
      for (const row of result.rows)
        io.out(
          `  ${row.votes} votes  ${formatPence(row.amountPence)}  ${row.funded ? 'funded' : 'not funded'}${row.tieBrokenBy !== 'none' ? ' (tie: submitted first)' : ''}  ${titles.get(row.id)}`,
        );
      io.out(`Committed: ${formatPence(result.committedPence)}.`);
      if (round.districts.length) {
        const byDistrict = await ballotDistrictsIn(kith.db.kysely, round.id);
        io.out(
          `Voting limited to ${round.districts.join(', ')}. Ballots by district: ${byDistrict.map((d) => `${d.district || 'none'} ${d.ballots}`).join(', ') || 'none'}.`,
        );
      }
      if (!round.resultsPublishedAt) {
        io.out('The result has not been published yet: nothing to compare.');
        return 0;
      }
      const decided = new Map((await decisionsIn(kith.db.kysely, round.id)).map((d) => [d.applicationId, d]));
      const differences = result.rows.filter((r) => {
        const d = decided.get(r.id);
        return !d || (d.outcome !== 'declined') !== r.funded || (r.funded && d.amountPence !== r.amountPence);
      });
      for (const d of differences) io.err(`  differs: ${titles.get(d.id)}`);
      io.out(
        differences.length
          ? `The published result does NOT match: ${differences.length} difference(s).`
          : 'The published result matches the ballots.',
      );
      return differences.length ? 1 : 0;
    },
  },
];
