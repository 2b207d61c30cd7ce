/**
 * A panel's scoring pages for a round of 300 applications (issue 12: "p95 < 100 ms"):
 * five members, four weighted criteria, each member having scored most applications
 * and declared a few conflicts. Timed in process as each page loads its data: the
 * ranked list a member reviews from (every application's weighted score), and one
 * application's scoring form (its answers, files, declarations and the others' scores).
 */
import type { Insertable } from 'kysely';
import { rankingOf } from '../../src/modules/grants/grants.js';
import { supportingFilesOf } from '../../src/modules/grants/files-store.js';
import type {
  GrantApplicationTable,
  GrantConflictTable,
  GrantPanelMemberTable,
  GrantScoreTable,
} from '../../src/modules/grants/schema.js';
import {
  conflictsIn,
  criteriaOf,
  findApplication,
  findRound,
  panelOf,
  questionsOf,
  scoresIn,
} from '../../src/modules/grants/store.js';
import { applicationRow, benchRound } from '../grants.js';
import { bulkInsert } from '../insert.js';
import { figure, measureLatency } from '../report.js';
import { Rng } from '../random.js';
import type { BenchStep } from '../step.js';

export const grantsPanelStep: BenchStep = {
  name: 'grants-panel',
  description: 'a panel scoring a round of 300 applications: its pages’ data, in process',
  async run(context) {
    const { kith, generation, options, log } = context;
    const county = generation.dataset.county!;
    const rng = Rng.forCapability(options.seed, 'bench.grants-panel');
    const db = kith.db.kysely;
    const count = 300;
    const members = 5;
    const roundId = await benchRound(kith, county.id, {
      title: 'Panel round',
      criteria: [
        { name: 'Need', weight: 3 },
        { name: 'Difference it makes', weight: 3 },
        { name: 'Value for money', weight: 2 },
        { name: 'Who runs it', weight: 1 },
      ],
      questions: [
        { text: 'Who is it for?', wordLimit: 200 },
        { text: 'What will change?', wordLimit: 300 },
      ],
    });
    const criteria = await criteriaOf(db, roundId);
    const questions = await questionsOf(db, roundId);
    const panel = Array.from({ length: members }, () => rng.uuid());
    const applications: Array<Insertable<GrantApplicationTable>> = [];
    for (let i = 0; i < count; i++)
      applications.push({
        ...applicationRow(rng, county.id, roundId, i),
        answers: JSON.stringify(
          Object.fromEntries(questions.map((q) => [q.id, 'An answer of a hundred words or so. '.repeat(15)])),
        ),
      });
    const panelRows: Array<Insertable<GrantPanelMemberTable>> = panel.map((id, i) => ({
      place_id: county.id,
      round_id: roundId,
      person_id: id,
      added_by: 'bench',
      added_at: new Date(Date.parse('2026-02-01T00:00:00Z') + i * 1000).toISOString(),
    }));
    const conflicts: Array<Insertable<GrantConflictTable>> = [];
    const scores: Array<Insertable<GrantScoreTable>> = [];
    for (const person of panel)
      for (const a of applications) {
        const declared = rng.int(1, 100) <= 3;
        if (declared)
          conflicts.push({
            place_id: county.id,
            round_id: roundId,
            application_id: a.id as string,
            person_id: person,
            conflicted: rng.int(0, 1),
            note: 'I know the group',
            declared_at: '2026-02-02T00:00:00.000Z',
          });
        // Most scored, as a panel part-way through its reading.
        if (declared || rng.int(1, 100) > 85) continue;
        for (const c of criteria)
          scores.push({
            place_id: county.id,
            round_id: roundId,
            application_id: a.id as string,
            person_id: person,
            criterion_id: c.id,
            score: rng.int(0, 5),
            comment: rng.int(0, 3) ? '' : 'Strong on need; the budget is thin on materials.',
            scored_at: '2026-02-03T00:00:00.000Z',
          });
      }
    await bulkInsert(kith.db, 'grant_applications', applications);
    await bulkInsert(kith.db, 'grant_panel_members', panelRows);
    await bulkInsert(kith.db, 'grant_conflicts', conflicts);
    await bulkInsert(kith.db, 'grant_scores', scores);
    log(
      `  grants-panel: ${figure(count)} applications, ${figure(scores.length)} scores, ${figure(conflicts.length)} declarations`,
    );

    const runs = options.quick ? 200 : 1_000;
    const goalMs = 100;
    const againstGoal = (figures: Awaited<ReturnType<typeof measureLatency>>) => [
      ...figures,
      `p95 < ${goalMs} ms`,
      `**${figure(figures.p95 / goalMs, 2)}**`,
    ];
    const rows = [
      [
        'the ranked list a member reviews from (/review)',
        ...againstGoal(
          await measureLatency(log, 'review list', runs, async (i) => {
            const me = panel[i % members]!;
            const round = (await findRound(db, county.id, roundId))!;
            const onPanel = await panelOf(db, round.id);
            if (!onPanel.includes(me)) throw new Error('not on the panel');
            const { ranked, scores: all, conflicts: declared } = await rankingOf(db, round.id);
            const mine = new Set(all.filter((s) => s.personId === me).map((s) => s.applicationId));
            const hidden = new Set(
              declared.filter((c) => c.personId === me && c.conflicted).map((c) => c.applicationId),
            );
            return ranked.filter((r) => mine.has(r.a.id) && !hidden.has(r.a.id)).length;
          }),
        ),
      ],
      [
        'one application’s scoring form (/review/:application)',
        ...againstGoal(
          await measureLatency(log, 'scoring form', runs, async (i) => {
            const me = panel[i % members]!;
            const round = (await findRound(db, county.id, roundId))!;
            await panelOf(db, round.id);
            const application = (await findApplication(db, county.id, applications[i % count]!.id as string))!;
            const [criteria, , , scores] = await Promise.all([
              criteriaOf(db, round.id),
              questionsOf(db, round.id),
              conflictsIn(db, round.id),
              scoresIn(db, round.id),
            ]);
            await supportingFilesOf(db, application.id);
            const others = scores.filter((s) => s.applicationId === application.id && s.personId !== me);
            return criteria.reduce((n, c) => n + others.filter((s) => s.criterionId === c.id).length, 0);
          }),
        ),
      ],
    ];
    return [
      {
        title: 'A panel scoring a round of 300 applications, in process',
        table: {
          columns: ['page', 'runs', 'mean found', 'p50 ms', 'p95 ms', 'p99 ms', 'goal', 'p95 / goal'],
          numeric: [1, 2, 3, 4, 5, 7],
          rows,
        },
        notes: [
          `On ${options.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}. ${figure(count)} applications, ${members} members, ${criteria.length} weighted criteria; ${figure(scores.length)} scores (each member has scored about 85% of the applications on every criterion), ${figure(conflicts.length)} declarations of interest; after 30 warm-up runs, each run as a different member.`,
          'Measured: the queries each page makes and the work done on their rows — the round, its panel, and for the list the applications, criteria, scores, decisions and declarations with every weighted score ranked (rankingOf, as the page calls it); for the form the application, criteria, questions, declarations, the round’s scores and the application’s files. Rendering is not included.',
        ],
      },
    ];
  },
};
