/**
 * A group's announcement to 5,000 members, in process. Posting stores it and queues one
 * job, so it should answer at once however big the group; the worker's job then emails
 * the members who asked for announcements at once, 200 to a transaction, each marked
 * sent with its email. Then the hourly weekly-summary job for those who chose it. The
 * step adds its own people, group and members.
 */
import { performance } from 'node:perf_hooks';
import type { Insertable } from 'kysely';
import type { PersonTable } from '../../src/modules/people/schema.js';
import type { GroupMemberTable } from '../../src/modules/groups/schema.js';
import {
  ANNOUNCE_BATCH,
  deliverAnnouncement,
  postAnnouncement,
  sendWeeklyDigests,
} from '../../src/modules/groups/announcements.js';
import { findGroup } from '../../src/modules/groups/store.js';
import { bulkInsert } from '../insert.js';
import { figure, measureLatency } from '../report.js';
import { Rng } from '../random.js';
import type { BenchStep } from '../step.js';

export const announcementsStep: BenchStep = {
  name: 'announcements',
  description: 'posting an announcement to a 5,000-member group, then the worker emailing it, in process',
  async run(context) {
    const { kith, generation, options, log } = context;
    const county = generation.dataset.county!;
    const rng = Rng.forCapability(options.seed, 'bench.announcements');
    const memberCount = options.quick ? 500 : 5_000;
    const started = performance.now();
    const now = new Date().toISOString();
    const people: Array<Insertable<PersonTable>> = [];
    for (let i = 0; i < memberCount; i++)
      people.push({
        id: rng.uuid(),
        name: `Announcement reader ${i}`,
        email: `announce-${i}-${options.seed}@bench.example`,
        password_hash: null,
        language: i % 10 === 0 ? 'cy' : 'en',
        created_at: now,
        updated_at: now,
        last_signed_in_at: null,
        erased_at: null,
        email_confirmed_at: now,
      });
    await bulkInsert(kith.db, 'people', people);
    const organiserId = people[0]!.id as string;
    const groupId = rng.uuid();
    await kith.db.kysely
      .insertInto('groups_groups')
      .values({
        id: groupId,
        place_id: county.id,
        name: 'County walking group',
        purpose: 'Walks every week',
        area: '',
        languages: 'English, Cymraeg',
        joining: 'open',
        created_by: organiserId,
        status: 'active',
        hidden_reason: '',
        created_at: now,
        updated_at: now,
      })
      .execute();
    // Nine in ten want announcements at once, one in twelve a weekly summary, the rest none.
    const how = (i: number) => (i % 12 === 1 ? 'weekly' : i % 20 === 2 ? 'none' : 'instant');
    const members: Array<Insertable<GroupMemberTable>> = people.map((p, i) => ({
      place_id: county.id,
      group_id: groupId,
      person_id: p.id as string,
      role: i === 0 ? 'organiser' : 'member',
      status: 'member',
      visible: 1,
      announcements: i === 0 ? 'instant' : how(i),
      created_at: now,
      updated_at: now,
    }));
    await bulkInsert(kith.db, 'groups_members', members);
    // One member in a hundred has blocked the organiser.
    const blocks = people
      .filter((_, i) => i > 0 && i % 100 === 3)
      .map((p) => ({ person_id: p.id as string, blocked_id: organiserId, created_at: now }));
    await bulkInsert(kith.db, 'people_blocks', blocks);
    const instant = members.filter((m, i) => i > 0 && m.announcements === 'instant').length;
    const weekly = members.filter((m) => m.announcements === 'weekly').length;
    log(
      `  added ${figure(memberCount)} members (${figure(instant)} at once, ${figure(weekly)} weekly, ${figure(blocks.length)} blocking the organiser) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const group = (await findGroup(kith.db.kysely, county.id, groupId))!;
    const posted: string[] = [];
    const runs = options.quick ? 20 : 100;
    const post = await measureLatency(log, 'post an announcement (stores it, queues one job)', runs, async (i) => {
      posted.push(
        await postAnnouncement(kith, {
          group,
          personId: organiserId,
          submission: { owner: organiserId, key: `bench-announcement-${posted.length}` },
          input: { title: `Walk ${i}`, text: `This week’s walk, number ${i}, leaves the library at ten.` },
        }),
      );
      return 1;
    });

    const mailJobs = async () =>
      Number(
        (
          await kith.db.kysely
            .selectFrom('jobs')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('kind', '=', 'mail/send')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await mailJobs();
    const t0 = performance.now();
    const sent = await deliverAnnouncement(kith, posted[posted.length - 1]!);
    const seconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const again = await deliverAnnouncement(kith, posted[posted.length - 1]!);
    const againMs = performance.now() - t1;
    const queued = (await mailJobs()) - before;
    log(
      `  worker: ${figure(sent)} emails in ${seconds.toFixed(2)} s (${figure(sent / seconds)} a second); a second run sent ${again} in ${figure(againMs)} ms`,
    );
    if (queued !== sent || again !== 0)
      throw new Error(`announcement emails: sent ${sent}, queued ${queued}, again ${again}`);

    const t2 = performance.now();
    const digests = await sendWeeklyDigests(kith);
    const digestSeconds = (performance.now() - t2) / 1000;
    log(`  weekly summaries: ${figure(digests)} in ${digestSeconds.toFixed(2)} s`);

    return [
      {
        title: 'Announcements to a large group, in process',
        table: {
          columns: ['what', 'members', 'runs', 'jobs queued each', 'p50 ms', 'p95 ms', 'p99 ms', 'goal'],
          numeric: [1, 2, 3, 4, 5, 6],
          rows: [['post an announcement (queues one job)', figure(memberCount), ...post, 'p95 < 50 ms']],
        },
      },
      {
        title: 'The worker emailing it',
        table: {
          columns: ['job', 'emails', 'seconds', 'emails a second', 'repeat run sent', 'repeat ms'],
          numeric: [1, 2, 3, 4, 5],
          rows: [
            [
              'groups/announce (one announcement)',
              figure(sent),
              seconds.toFixed(2),
              figure(sent / seconds),
              figure(again),
              figure(againMs),
            ],
            [
              'groups/digest (weekly summaries)',
              figure(digests),
              digestSeconds.toFixed(2),
              figure(digests / digestSeconds),
              '',
              '',
            ],
          ],
        },
        notes: [
          `${figure(memberCount)} members: ${figure(instant)} want each announcement at once, ${figure(weekly)} a weekly summary, the rest none; ${figure(blocks.length)} have blocked the organiser (marked, not emailed). One in ten reads Welsh.`,
          `Measured: postAnnouncement as the route calls it (insert, audit, one queued job, the submission record) after 30 warm-up posts; then deliverAnnouncement, the worker's handler for groups/announce, for the last one: ${ANNOUNCE_BATCH} members a transaction, each marked sent and their email queued (a mail/send job, written in their language) in it; then the same job again, which finds nobody left. "Emails" are queued emails: SMTP sending is the mail worker's, not measured here.`,
          `The weekly summary job then lists for each weekly member the ${figure(posted.length)} announcements posted above (up to 50 in one email).`,
        ],
      },
    ];
  },
};
