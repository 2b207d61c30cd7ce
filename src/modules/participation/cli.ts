/** `kith participation tally <decision>`: a decision's result recomputed from what is stored, and compared with what was published. */
import type { KithCommand } from '../module.js';
import { computeResult } from './participation.js';
import { consentDifferences, differences } from './rules.js';
import { findDecisionById, proposalsIn } from './store.js';

export const participationCommands: KithCommand[] = [
  {
    name: 'participation tally',
    summary:
      'recount a participation decision from its stored ballots or supports and compare with the published result; exits 1 on any difference',
    arguments: [['<decision>', 'the decision’s id']],
    async run(kith, input, io) {
      const db = kith.db.kysely;
      const decision = await findDecisionById(db, input.args[0]!);
      if (!decision) {
        io.err(`No decision with the id ${input.args[0]}.`);
        return 1;
      }
      const result = await computeResult(db, decision);
      if (decision.kind === 'consent') {
        const c = result.consent!;
        io.out(
          `${decision.title} (consent decision): ${result.ballots} responses: ${c.consent} consent, ${c.standAside} stand aside, ${c.objections} objections (${c.resolved} resolved, ${c.recorded} recorded, ${c.outstanding} outstanding): ${result.rows[0]?.chosen ? 'passes' : 'blocked'}.`,
        );
        if (!decision.published) {
          io.out('The result has not been published yet: nothing to compare.');
          return 0;
        }
        const published = decision.published.consent;
        const differing = published ? consentDifferences(published, c) : ['everything'];
        if (decision.published.ballots !== result.ballots) differing.push('responses');
        if ((decision.published.rows[0]?.chosen ?? false) !== (result.rows[0]?.chosen ?? false))
          differing.push('outcome');
        for (const d of differing) io.err(`  differs: ${d}`);
        io.out(
          differing.length
            ? `The published result does NOT match: ${differing.length} difference(s).`
            : 'The published result matches what is stored.',
        );
        return differing.length ? 1 : 0;
      }
      const titles = new Map((await proposalsIn(db, decision.processId, { hidden: true })).map((p) => [p.id, p.title]));
      const what = decision.kind === 'approval' ? 'votes' : 'supports';
      io.out(
        `${decision.title} (${decision.kind === 'approval' ? 'approval vote' : `support threshold of ${decision.threshold}`}): ${result.ballots} ${decision.kind === 'approval' ? 'ballots' : 'supporters'}.`,
      );
      for (const row of result.rows)
        io.out(
          `  ${row.count} ${what}  ${row.chosen ? 'chosen' : 'not chosen'}${row.tie ? ' (tie: earlier proposal first)' : ''}  ${titles.get(row.id) ?? row.id}`,
        );
      if (!decision.published) {
        io.out('The result has not been published yet: nothing to compare.');
        return 0;
      }
      const found = differences(decision.published.rows, result.rows);
      if (decision.published.ballots !== result.ballots)
        io.err(`  differs: ${decision.published.ballots} published, ${result.ballots} counted now`);
      for (const d of found)
        io.err(
          `  differs: ${titles.get(d.id) ?? d.id}: published ${d.published ? `${d.published.count} ${d.published.chosen ? 'chosen' : 'not chosen'}` : 'nothing'}, counted ${d.recomputed ? `${d.recomputed.count} ${d.recomputed.chosen ? 'chosen' : 'not chosen'}` : 'nothing'}`,
        );
      const total = found.length + (decision.published.ballots !== result.ballots ? 1 : 0);
      io.out(
        total
          ? `The published result does NOT match: ${total} difference(s).`
          : 'The published result matches what is stored.',
      );
      return total ? 1 : 0;
    },
  },
];
