/**
 * Commands that co-produce an outcomes framework: an officer drafts outcomes and
 * indicators, residents comment and endorse, the officer publishes; activities and
 * programmes are linked to outcomes. Each is one transaction with its audit record.
 */
import { NotFoundError, RuleError } from '../../errors.js';
import type { Trx } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { activitySummaries } from '../directory/index.js';
import { findInstrumentName } from './measures.js';
import { canChange, publishRefusal } from './framework-rules.js';
import type { IndicatorInput } from './inputs.js';
import {
  addProgrammeActivity,
  findFramework,
  findOutcome,
  findProgramme,
  indicatorsOf,
  insertComment,
  insertEndorsement,
  insertFramework,
  insertIndicator,
  insertLink,
  insertOutcome,
  insertProgramme,
  outcomesOf,
  publishFramework,
} from './store.js';
import { submitted, type Submitted } from '../../platform/idempotency/index.js';

interface Actor extends Submitted {
  placeId: string;
}

export async function createFramework(
  kith: Kith,
  c: Actor & { title: string; purpose: string; programmeId: string | null },
): Promise<string> {
  return submitted(kith, c, 'outcomes/framework', async (trx) => {
    if (c.programmeId && !(await findProgramme(trx, c.placeId, c.programmeId)))
      throw new RuleError('outcomes.validation.programme.unknown', {}, 'programme');
    const id = await insertFramework(trx, {
      place_id: c.placeId,
      programme_id: c.programmeId,
      title: c.title,
      purpose: c.purpose,
      created_by: c.actorId,
    });
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action: 'framework.created',
      subjectType: 'framework',
      subjectId: id,
      detail: { title: c.title },
    });
    return id;
  });
}

async function draftFramework(trx: Trx, placeId: string, frameworkId: string) {
  const framework = await findFramework(trx, placeId, frameworkId);
  if (!framework) throw new NotFoundError();
  if (!canChange(framework.state)) throw new RuleError('outcomes.framework.notDraft', {}, 'publish');
  return framework;
}

export async function addOutcome(
  kith: Kith,
  c: Actor & { frameworkId: string; title: string; description: string },
): Promise<string> {
  return submitted(kith, c, 'outcomes/outcome', async (trx) => {
    await draftFramework(trx, c.placeId, c.frameworkId);
    const id = await insertOutcome(trx, {
      place_id: c.placeId,
      framework_id: c.frameworkId,
      title: c.title,
      description: c.description,
    });
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action: 'outcome.added',
      subjectType: 'framework',
      subjectId: c.frameworkId,
      detail: { title: c.title },
    });
    return id;
  });
}

export async function addIndicator(
  kith: Kith,
  c: Actor & { outcomeId: string; input: IndicatorInput },
): Promise<string> {
  return submitted(kith, c, 'outcomes/indicator', async (trx) => {
    const outcome = await findOutcome(trx, c.placeId, c.outcomeId);
    if (!outcome) throw new NotFoundError();
    await draftFramework(trx, c.placeId, outcome.frameworkId);
    const i = c.input;
    if (i.measureKind === 'instrument' && !(await findInstrumentName(trx, c.placeId, i.instrumentId!)))
      throw new RuleError('outcomes.validation.instrument', {}, 'instrumentId');
    const id = await insertIndicator(trx, {
      place_id: c.placeId,
      framework_id: outcome.frameworkId,
      outcome_id: outcome.id,
      title: i.title,
      measure_kind: i.measureKind,
      measure_ref:
        i.measureKind === 'ons4'
          ? i.ons4Item!
          : i.measureKind === 'instrument'
            ? i.instrumentId!
            : i.measureKind === 'count'
              ? i.count!
              : null,
      question: i.measureKind === 'checkin' ? i.question : null,
      question_cy: i.measureKind === 'checkin' ? i.questionCy || null : null,
      scale_min: i.measureKind === 'checkin' ? i.scaleMin : 0,
      scale_max: i.measureKind === 'checkin' ? Math.max(i.scaleMax, i.scaleMin + 1) : 10,
    });
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action: 'indicator.added',
      subjectType: 'framework',
      subjectId: outcome.frameworkId,
      detail: { title: i.title },
    });
    return id;
  });
}

export async function commentOn(kith: Kith, c: Actor & { outcomeId: string; body: string }): Promise<void> {
  await submitted(kith, c, 'outcomes/comment', async (trx) => {
    const outcome = await findOutcome(trx, c.placeId, c.outcomeId);
    if (!outcome) throw new NotFoundError();
    await draftFramework(trx, c.placeId, outcome.frameworkId);
    await insertComment(trx, {
      place_id: c.placeId,
      framework_id: outcome.frameworkId,
      outcome_id: outcome.id,
      person_id: c.actorId,
      body: c.body,
    });
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action: 'outcome.commented',
      subjectType: 'framework',
      subjectId: outcome.frameworkId,
    });
  });
}

export async function endorse(kith: Kith, c: Actor & { outcomeId: string }): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const outcome = await findOutcome(trx, c.placeId, c.outcomeId);
    if (!outcome) throw new NotFoundError();
    await draftFramework(trx, c.placeId, outcome.frameworkId);
    if (
      await insertEndorsement(trx, {
        outcome_id: outcome.id,
        person_id: c.actorId,
        place_id: c.placeId,
        framework_id: outcome.frameworkId,
      })
    ) {
      await recordAudit(trx, {
        placeId: c.placeId,
        actorId: c.actorId,
        action: 'outcome.endorsed',
        subjectType: 'framework',
        subjectId: outcome.frameworkId,
      });
    }
  });
}

export async function publish(kith: Kith, c: Actor & { frameworkId: string }): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const framework = await findFramework(trx, c.placeId, c.frameworkId);
    if (!framework) throw new NotFoundError();
    const outcomes = await outcomesOf(trx, [framework.id]);
    const refusal = publishRefusal(framework, outcomes, await indicatorsOf(trx, [framework.id]));
    if (refusal) throw new RuleError(refusal, {}, 'publish');
    await publishFramework(trx, framework.id, c.actorId);
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action: 'framework.published',
      subjectType: 'framework',
      subjectId: framework.id,
      detail: { title: framework.title },
    });
  });
}

/** Links published activities of the place to an outcome of the framework. */
export async function linkActivities(
  kith: Kith,
  c: Actor & { frameworkId: string; outcomeId: string; activityIds: string[] },
): Promise<number> {
  return kith.db.transaction(async (trx) => {
    const outcome = await findOutcome(trx, c.placeId, c.outcomeId);
    if (!outcome || outcome.frameworkId !== c.frameworkId)
      throw new RuleError('outcomes.validation.link.outcome', {}, 'outcome');
    const found = await activitySummaries(trx, c.placeId, c.activityIds);
    let linked = 0;
    for (const id of new Set(c.activityIds)) {
      const activity = found.get(id);
      if (!activity) throw new RuleError('outcomes.validation.link.activities', {}, 'activities');
      if (
        await insertLink(trx, {
          outcome_id: outcome.id,
          target_kind: 'activity',
          target_id: id,
          place_id: c.placeId,
          framework_id: outcome.frameworkId,
          linked_by: c.actorId,
        })
      ) {
        linked++;
        await recordAudit(trx, {
          placeId: c.placeId,
          actorId: c.actorId,
          action: 'outcome.linked',
          subjectType: 'framework',
          subjectId: outcome.frameworkId,
          detail: { outcome: outcome.title, activity: activity.name },
        });
      }
    }
    return linked;
  });
}

export async function linkProgramme(kith: Kith, c: Actor & { outcomeId: string; programmeId: string }): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const outcome = await findOutcome(trx, c.placeId, c.outcomeId);
    const programme = await findProgramme(trx, c.placeId, c.programmeId);
    if (!outcome || !programme) throw new NotFoundError();
    if (
      await insertLink(trx, {
        outcome_id: outcome.id,
        target_kind: 'programme',
        target_id: programme.id,
        place_id: c.placeId,
        framework_id: outcome.frameworkId,
        linked_by: c.actorId,
      })
    ) {
      await recordAudit(trx, {
        placeId: c.placeId,
        actorId: c.actorId,
        action: 'outcome.linked',
        subjectType: 'framework',
        subjectId: outcome.frameworkId,
        detail: { outcome: outcome.title, activity: programme.name },
      });
    }
  });
}

export async function createProgramme(kith: Kith, c: Actor & { name: string; description: string }): Promise<string> {
  return submitted(kith, c, 'outcomes/programme', async (trx) => {
    const id = await insertProgramme(trx, {
      place_id: c.placeId,
      name: c.name,
      description: c.description,
      created_by: c.actorId,
    });
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action: 'programme.created',
      subjectType: 'programme',
      subjectId: id,
      detail: { name: c.name },
    });
    return id;
  });
}

export async function addToProgramme(
  kith: Kith,
  c: Actor & { programmeId: string; activityIds: string[] },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    if (!(await findProgramme(trx, c.placeId, c.programmeId))) throw new NotFoundError();
    const found = await activitySummaries(trx, c.placeId, c.activityIds);
    for (const id of new Set(c.activityIds)) {
      if (!found.has(id)) throw new RuleError('outcomes.validation.link.activities', {}, 'activities');
      if (await addProgrammeActivity(trx, { programme_id: c.programmeId, activity_id: id, place_id: c.placeId })) {
        await recordAudit(trx, {
          placeId: c.placeId,
          actorId: c.actorId,
          action: 'programme.activityAdded',
          subjectType: 'programme',
          subjectId: c.programmeId,
          detail: { activity: found.get(id)!.name },
        });
      }
    }
  });
}
