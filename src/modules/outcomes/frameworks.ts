/**
 * Commands that co-produce an outcomes framework: an officer drafts outcomes and
 * indicators, residents comment and endorse, the officer publishes; activities and
 * programmes are linked to outcomes. Each is one transaction with its audit record.
 */
import { NotFoundError, RuleError } from '../../errors.js';
import type { Queryable, Trx } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { activitySummaries } from '../directory/index.js';
import { figureDefinition, findInstrumentName } from './measures.js';
import { placeRolesOf } from '../people/index.js';
import type { Role } from '../../policy/index.js';
import { canChange, contributors, publishRefusal, tookPartAs } from './framework-rules.js';
import { FIGURE_ID, type IndicatorInput } from './inputs.js';
import {
  addProgrammeActivity,
  commentsOf,
  decideSuggestion,
  endorsementsOf,
  findFramework,
  findSuggestion,
  insertSuggestion,
  suggestionsOf,
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
  command: Actor & {
    title: string;
    purpose: string;
    programmeId: string | null;
    residentsPerOutcome: number;
    residentShare: number;
  },
): Promise<string> {
  return submitted(kith, command, 'outcomes/framework', async (trx) => {
    if (command.programmeId && !(await findProgramme(trx, command.placeId, command.programmeId)))
      throw new RuleError('outcomes.validation.programme.unknown', {}, 'programme');
    const id = await insertFramework(trx, {
      place_id: command.placeId,
      programme_id: command.programmeId,
      title: command.title,
      purpose: command.purpose,
      created_by: command.actorId,
      residents_per_outcome: command.residentsPerOutcome,
      resident_share: command.residentShare,
    });
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'framework.created',
      subjectType: 'framework',
      subjectId: id,
      detail: { title: command.title },
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
  command: Actor & { frameworkId: string; title: string; description: string },
): Promise<string> {
  return submitted(kith, command, 'outcomes/outcome', async (trx) => {
    await draftFramework(trx, command.placeId, command.frameworkId);
    const id = await insertOutcome(trx, {
      place_id: command.placeId,
      framework_id: command.frameworkId,
      title: command.title,
      description: command.description,
      added_by: command.actorId,
    });
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'outcome.added',
      subjectType: 'framework',
      subjectId: command.frameworkId,
      detail: { title: command.title },
    });
    return id;
  });
}

export async function addIndicator(
  kith: Kith,
  command: Actor & { outcomeId: string; input: IndicatorInput; suggestionId?: string },
): Promise<string> {
  return submitted(kith, command, 'outcomes/indicator', async (trx) => {
    const outcome = await findOutcome(trx, command.placeId, command.outcomeId);
    if (!outcome) throw new NotFoundError();
    await draftFramework(trx, command.placeId, outcome.frameworkId);
    // Adopting a resident's suggested indicator: it joins the framework in their name.
    let addedBy: string | null = command.actorId;
    if (command.suggestionId) {
      const suggestion = await openSuggestion(trx, command.placeId, command.suggestionId);
      if (suggestion.kind !== 'indicator' || suggestion.outcomeId !== outcome.id) throw new NotFoundError();
      await decideSuggestion(trx, suggestion.id, { state: 'adopted', reason: null, by: command.actorId });
      addedBy = suggestion.proposedBy;
    }
    const i = command.input;
    if (i.measureKind === 'instrument' && !(await findInstrumentName(trx, command.placeId, i.instrumentId!)))
      throw new RuleError('outcomes.validation.instrument', {}, 'instrumentId');
    if (i.measureKind === 'count' && FIGURE_ID.test(i.count!) && !figureDefinition(kith.modules, i.count!))
      throw new RuleError('outcomes.validation.count', {}, 'count');
    const id = await insertIndicator(trx, {
      place_id: command.placeId,
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
      added_by: addedBy,
    });
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'indicator.added',
      subjectType: 'framework',
      subjectId: outcome.frameworkId,
      detail: { title: i.title, ...(command.suggestionId ? { suggestion: command.suggestionId } : {}) },
    });
    return id;
  });
}

/** A resident may have this many suggestions waiting on one framework: enough to say what matters, not to flood it. */
export const OPEN_SUGGESTIONS_EACH = 10;

async function openSuggestion(trx: Trx, placeId: string, id: string) {
  const suggestion = await findSuggestion(trx, placeId, id);
  if (!suggestion) throw new NotFoundError();
  if (suggestion.state !== 'open') throw new RuleError('outcomes.suggestion.answered', {}, 'suggestion');
  return suggestion;
}

/** A member of the place suggests an outcome for a draft framework, or an indicator for one of its outcomes. */
export async function suggest(
  kith: Kith,
  command: Actor & { frameworkId: string; outcomeId: string | null; title: string; description: string },
): Promise<string> {
  return submitted(kith, command, 'outcomes/suggestion', async (trx) => {
    await draftFramework(trx, command.placeId, command.frameworkId);
    if (command.outcomeId) {
      const outcome = await findOutcome(trx, command.placeId, command.outcomeId);
      if (!outcome || outcome.frameworkId !== command.frameworkId) throw new NotFoundError();
    }
    const waiting = (await suggestionsOf(trx, command.frameworkId)).filter(
      (s) => s.state === 'open' && s.proposedBy === command.actorId,
    );
    if (waiting.length >= OPEN_SUGGESTIONS_EACH)
      throw new RuleError('outcomes.suggestion.tooMany', { most: String(OPEN_SUGGESTIONS_EACH) }, 'title');
    const kind = command.outcomeId ? 'indicator' : 'outcome';
    const id = await insertSuggestion(trx, {
      place_id: command.placeId,
      framework_id: command.frameworkId,
      outcome_id: command.outcomeId,
      kind,
      title: command.title,
      description: command.description,
      proposed_by: command.actorId,
    });
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'outcome.suggested',
      subjectType: 'framework',
      subjectId: command.frameworkId,
      detail: { kind, title: command.title },
    });
    return id;
  });
}

/** The officer adopts a suggested outcome: it joins the framework, written by the resident who suggested it. */
export async function adoptOutcome(kith: Kith, command: Actor & { suggestionId: string }): Promise<string> {
  return kith.db.transaction(async (trx) => {
    const suggestion = await openSuggestion(trx, command.placeId, command.suggestionId);
    if (suggestion.kind !== 'outcome') throw new NotFoundError();
    await draftFramework(trx, command.placeId, suggestion.frameworkId);
    if (!(await decideSuggestion(trx, suggestion.id, { state: 'adopted', reason: null, by: command.actorId })))
      throw new RuleError('outcomes.suggestion.answered', {}, 'suggestion');
    const id = await insertOutcome(trx, {
      place_id: command.placeId,
      framework_id: suggestion.frameworkId,
      title: suggestion.title,
      description: suggestion.description,
      added_by: suggestion.proposedBy,
    });
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'outcome.adopted',
      subjectType: 'framework',
      subjectId: suggestion.frameworkId,
      detail: { title: suggestion.title },
    });
    return id;
  });
}

/** The officer declines a suggestion, saying why: the reason is shown beside it for everyone. */
export async function declineSuggestion(
  kith: Kith,
  command: Actor & { suggestionId: string; reason: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const suggestion = await openSuggestion(trx, command.placeId, command.suggestionId);
    await draftFramework(trx, command.placeId, suggestion.frameworkId);
    if (
      !(await decideSuggestion(trx, suggestion.id, { state: 'declined', reason: command.reason, by: command.actorId }))
    )
      throw new RuleError('outcomes.suggestion.answered', {}, 'suggestion');
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'outcome.suggestionDeclined',
      subjectType: 'framework',
      subjectId: suggestion.frameworkId,
      detail: { title: suggestion.title, reason: command.reason },
    });
  });
}

/**
 * Who wrote a framework and how: everyone taking part with the role they took part as,
 * and residents' endorsements of each outcome. The publish rule and the page read the same.
 */
export async function takingPartIn(
  db: Queryable,
  placeId: string,
  framework: { id: string; createdBy: string | null },
) {
  const [outcomes, indicators, suggestions, comments, endorsements] = await Promise.all([
    outcomesOf(db, [framework.id]),
    indicatorsOf(db, [framework.id]),
    suggestionsOf(db, framework.id),
    commentsOf(db, framework.id),
    endorsementsOf(db, framework.id),
  ]);
  const everyone = contributors({
    createdBy: framework.createdBy,
    outcomes,
    indicators,
    suggestions,
    comments,
    endorsements,
  });
  const roles = await placeRolesOf(db, placeId, everyone);
  const roleOf = (id: string): Role => tookPartAs(roles.get(id));
  return {
    outcomes,
    indicators,
    suggestions,
    comments,
    endorsements,
    everyone,
    roleOf,
    residents: everyone.filter((id) => roleOf(id) === 'resident').length,
    residentEndorsements: endorsements.filter((e) => roleOf(e.personId) === 'resident'),
  };
}

export async function commentOn(kith: Kith, command: Actor & { outcomeId: string; body: string }): Promise<void> {
  await submitted(kith, command, 'outcomes/comment', async (trx) => {
    const outcome = await findOutcome(trx, command.placeId, command.outcomeId);
    if (!outcome) throw new NotFoundError();
    await draftFramework(trx, command.placeId, outcome.frameworkId);
    await insertComment(trx, {
      place_id: command.placeId,
      framework_id: outcome.frameworkId,
      outcome_id: outcome.id,
      person_id: command.actorId,
      body: command.body,
    });
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'outcome.commented',
      subjectType: 'framework',
      subjectId: outcome.frameworkId,
    });
  });
}

export async function endorse(kith: Kith, command: Actor & { outcomeId: string }): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const outcome = await findOutcome(trx, command.placeId, command.outcomeId);
    if (!outcome) throw new NotFoundError();
    await draftFramework(trx, command.placeId, outcome.frameworkId);
    if (
      await insertEndorsement(trx, {
        outcome_id: outcome.id,
        person_id: command.actorId,
        place_id: command.placeId,
        framework_id: outcome.frameworkId,
      })
    ) {
      await recordAudit(trx, {
        placeId: command.placeId,
        actorId: command.actorId,
        action: 'outcome.endorsed',
        subjectType: 'framework',
        subjectId: outcome.frameworkId,
      });
    }
  });
}

export async function publish(kith: Kith, command: Actor & { frameworkId: string }): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const framework = await findFramework(trx, command.placeId, command.frameworkId);
    if (!framework) throw new NotFoundError();
    const part = await takingPartIn(trx, command.placeId, framework);
    const refusal = publishRefusal(framework, part.outcomes, part.indicators, {
      openSuggestions: part.suggestions.filter((s) => s.state === 'open').length,
      residentEndorsements: part.residentEndorsements,
      residents: part.residents,
      everyone: part.everyone.length,
    });
    if (refusal) throw new RuleError(refusal.key, refusal.params, 'publish');
    await publishFramework(trx, framework.id, command.actorId);
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
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
  command: Actor & { frameworkId: string; outcomeId: string; activityIds: string[] },
): Promise<number> {
  return kith.db.transaction(async (trx) => {
    const outcome = await findOutcome(trx, command.placeId, command.outcomeId);
    if (!outcome || outcome.frameworkId !== command.frameworkId)
      throw new RuleError('outcomes.validation.link.outcome', {}, 'outcome');
    const found = await activitySummaries(trx, command.placeId, command.activityIds);
    let linked = 0;
    for (const id of new Set(command.activityIds)) {
      const activity = found.get(id);
      if (!activity) throw new RuleError('outcomes.validation.link.activities', {}, 'activities');
      if (
        await insertLink(trx, {
          outcome_id: outcome.id,
          target_kind: 'activity',
          target_id: id,
          place_id: command.placeId,
          framework_id: outcome.frameworkId,
          linked_by: command.actorId,
        })
      ) {
        linked++;
        await recordAudit(trx, {
          placeId: command.placeId,
          actorId: command.actorId,
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

export async function linkProgramme(
  kith: Kith,
  command: Actor & { outcomeId: string; programmeId: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const outcome = await findOutcome(trx, command.placeId, command.outcomeId);
    const programme = await findProgramme(trx, command.placeId, command.programmeId);
    if (!outcome || !programme) throw new NotFoundError();
    if (
      await insertLink(trx, {
        outcome_id: outcome.id,
        target_kind: 'programme',
        target_id: programme.id,
        place_id: command.placeId,
        framework_id: outcome.frameworkId,
        linked_by: command.actorId,
      })
    ) {
      await recordAudit(trx, {
        placeId: command.placeId,
        actorId: command.actorId,
        action: 'outcome.linked',
        subjectType: 'framework',
        subjectId: outcome.frameworkId,
        detail: { outcome: outcome.title, activity: programme.name },
      });
    }
  });
}

export async function createProgramme(
  kith: Kith,
  command: Actor & { name: string; description: string },
): Promise<string> {
  return submitted(kith, command, 'outcomes/programme', async (trx) => {
    const id = await insertProgramme(trx, {
      place_id: command.placeId,
      name: command.name,
      description: command.description,
      created_by: command.actorId,
    });
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'programme.created',
      subjectType: 'programme',
      subjectId: id,
      detail: { name: command.name },
    });
    return id;
  });
}

export async function addToProgramme(
  kith: Kith,
  command: Actor & { programmeId: string; activityIds: string[] },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    if (!(await findProgramme(trx, command.placeId, command.programmeId))) throw new NotFoundError();
    const found = await activitySummaries(trx, command.placeId, command.activityIds);
    for (const id of new Set(command.activityIds)) {
      if (!found.has(id)) throw new RuleError('outcomes.validation.link.activities', {}, 'activities');
      if (
        await addProgrammeActivity(trx, {
          programme_id: command.programmeId,
          activity_id: id,
          place_id: command.placeId,
        })
      ) {
        await recordAudit(trx, {
          placeId: command.placeId,
          actorId: command.actorId,
          action: 'programme.activityAdded',
          subjectType: 'programme',
          subjectId: command.programmeId,
          detail: { activity: found.get(id)!.name },
        });
      }
    }
  });
}
