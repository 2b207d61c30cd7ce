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
  command: Submitted & {
    placeId: string;
    activityId: string;
    sessionOn: string;
    fromPaper: boolean;
    answers: Array<{ indicatorId: string; value: number }>;
  },
): Promise<void> {
  await submitted(kith, command, 'outcomes/checkin', async (trx) => {
    // A participant checks in once a session; an organiser can enter as many paper forms as there were people.
    if (!command.fromPaper && (await hasCheckedIn(trx, command.actorId, command.activityId, command.sessionOn)))
      throw new RuleError('outcomes.checkin.already', {}, 'form');
    await insertCheckin(
      trx,
      {
        place_id: command.placeId,
        activity_id: command.activityId,
        session_on: command.sessionOn,
        person_id: command.fromPaper ? null : command.actorId,
        entered_by: command.actorId,
        from_paper: command.fromPaper ? 1 : 0,
      },
      command.answers,
    );
    if (command.fromPaper)
      await recordAudit(trx, {
        placeId: command.placeId,
        actorId: command.actorId,
        action: 'checkin.entered',
        subjectType: 'activity',
        subjectId: command.activityId,
        detail: { session: command.sessionOn },
      });
  });
}
