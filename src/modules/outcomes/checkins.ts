/**
 * Light-touch check-ins: the few questions an activity's published outcomes ask, answered
 * by a participant on their phone or entered by the organiser from paper.
 */
import { RuleError } from '../../errors.js';
import type { Queryable } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { submitted, type Submitted } from '../../platform/idempotency/index.js';
import { checkinQuestionsFor, hasCheckedIn, insertCheckin, programmesContaining, type Indicator } from './store.js';

export async function questionsFor(db: Queryable, placeId: string, activityId: string): Promise<Indicator[]> {
  return checkinQuestionsFor(db, placeId, activityId, await programmesContaining(db, placeId, activityId));
}

export async function recordCheckin(
  kith: Kith,
  c: Submitted & {
    placeId: string;
    activityId: string;
    sessionOn: string;
    fromPaper: boolean;
    answers: Array<{ indicatorId: string; value: number }>;
  },
): Promise<void> {
  await submitted(kith, c, 'outcomes/checkin', async (trx) => {
    // A participant checks in once a session; an organiser can enter as many paper forms as there were people.
    if (!c.fromPaper && (await hasCheckedIn(trx, c.actorId, c.activityId, c.sessionOn)))
      throw new RuleError('outcomes.checkin.already', {}, 'form');
    await insertCheckin(
      trx,
      {
        place_id: c.placeId,
        activity_id: c.activityId,
        session_on: c.sessionOn,
        person_id: c.fromPaper ? null : c.actorId,
        entered_by: c.actorId,
        from_paper: c.fromPaper ? 1 : 0,
      },
      c.answers,
    );
    if (c.fromPaper)
      await recordAudit(trx, {
        placeId: c.placeId,
        actorId: c.actorId,
        action: 'checkin.entered',
        subjectType: 'activity',
        subjectId: c.activityId,
        detail: { session: c.sessionOn },
      });
  });
}
