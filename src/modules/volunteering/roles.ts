/** Roles: a coordinator publishes, edits and opens or closes them; anyone may suggest one, and coordinators decline a suggestion. */
import { NotFoundError, RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { nowIso } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once } from '../../platform/idempotency/index.js';
import { draftCaseFromAnswer } from '../library/index.js';
import { findPersonById } from '../people/index.js';
import { pointForPostcode } from '../directory/index.js';
import { parseRequirements } from './requirements.js';
import { bitsOf, INTERESTS, type OpportunityInput } from './inputs.js';
import {
  answerSuggestion,
  findSuggestion,
  insertSuggestion,
  findOpportunity,
  findShift,
  insertOpportunity,
  setOpportunityStatus,
  updateOpportunity,
  confirmedOnUpcomingShifts,
  updateSignup,
  type Opportunity,
} from './store.js';
import { daysMask, timesMask } from './times.js';
import type { Actor } from './actor.js';
import { holdsFor, dayOf } from './signups.js';
import { email, whenText } from './emails.js';
import { searchWords } from './search.js';

/** Where a role is done: its postcode's point; a role not done from home must have a postcode Kith knows. */
async function pointOf(kith: Kith, o: OpportunityInput): Promise<{ latitude: number; longitude: number } | undefined> {
  if (o.postcode) {
    const point = await pointForPostcode(kith.db.kysely, o.postcode);
    if (!point) throw new RuleError('volunteering.validation.postcode.unknown', {}, 'postcode');
    return point;
  }
  if (!o.remote) throw new RuleError('volunteering.validation.postcode.required', {}, 'postcode');
  return undefined;
}

export async function publishOpportunity(
  kith: Kith,
  input: Actor & { organisationName: string; opportunity: OpportunityInput },
): Promise<string> {
  const o = input.opportunity;
  const point = await pointOf(kith, o);
  const { result } = await once(
    kith.db,
    'volunteering.publish',
    { owner: input.actorId, key: input.formKey },
    async (trx) => {
      const id = await insertOpportunity(
        trx,
        {
          placeId: input.placeId,
          organisationId: o.organisation,
          title: o.title,
          description: o.description,
          skills: o.skills,
          timeCommitment: o.timeCommitment,
          commitment: o.commitment,
          accessibility: o.accessibility,
          minimumAge: o.minimumAge,
          participation: o.participation,
          remote: o.remote,
          postcode: o.postcode.toUpperCase(),
          latitude: point?.latitude ?? null,
          longitude: point?.longitude ?? null,
          interests: bitsOf(INTERESTS, o.interests),
          requirements: o.requirements.join(','),
          days: daysMask(o.days),
          times: timesMask(o.times),
          status: o.status,
          createdBy: input.actorId,
        },
        searchWords(o.title, o.description, o.skills, input.organisationName),
      );
      if (o.suggestion) {
        const suggestion = await findSuggestion(trx, o.suggestion);
        if (
          !suggestion ||
          suggestion.organisationId !== o.organisation ||
          !(await answerSuggestion(trx, suggestion.id, { status: 'taken', opportunityId: id, response: null }))
        ) {
          throw new RuleError('volunteering.suggestion.answered', {}, 'title');
        }
      }
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.actorId,
        action: 'volunteers.opportunityPublished',
        subjectType: 'volunteering_opportunity',
        subjectId: id,
      });
      return id;
    },
  );
  return result;
}

/**
 * A coordinator edits a role after publishing it: its text, interests, checks, place,
 * minimum age and the words search finds it by, in one transaction. Whether it runs in
 * shifts or flexibly stays as it was. When the edit asks for a check the role did not
 * need before, everyone confirmed for a shift still to come who does not meet it goes
 * back to a held place until the coordinator records it, and is emailed; returns how many.
 */
export async function editOpportunity(
  kith: Kith,
  input: Actor & { opportunity: Opportunity; organisationName: string; changes: OpportunityInput; base: string },
): Promise<{ held: number }> {
  const o = input.changes;
  const point = await pointOf(kith, o);
  const postgres = kith.db.dialect === 'postgres';
  const { result } = await once(
    kith.db,
    'volunteering.edit',
    { owner: input.actorId, key: input.formKey },
    async (trx) => {
      const before = await findOpportunity(trx, input.opportunity.id);
      if (!before || before.placeId !== input.placeId || before.organisationId !== input.opportunity.organisationId)
        throw new NotFoundError();
      await updateOpportunity(
        trx,
        before,
        {
          title: o.title,
          description: o.description,
          skills: o.skills,
          timeCommitment: o.timeCommitment,
          commitment: o.commitment,
          accessibility: o.accessibility,
          minimumAge: o.minimumAge,
          remote: o.remote,
          postcode: o.postcode.toUpperCase(),
          latitude: point?.latitude ?? null,
          longitude: point?.longitude ?? null,
          interests: bitsOf(INTERESTS, o.interests),
          requirements: o.requirements.join(','),
          days: daysMask(o.days),
          times: timesMask(o.times),
          status: o.status,
        },
        searchWords(o.title, o.description, o.skills, input.organisationName),
      );
      const previously = parseRequirements(before.requirements);
      const added = o.requirements.filter((r) => !previously.includes(r));
      let held = 0;
      if (added.length) {
        const after = (await findOpportunity(trx, before.id))!;
        for (const s of await confirmedOnUpcomingShifts(trx, before.id, nowIso())) {
          // Lock the shift as a sign-up does, so the place changes hands with one writer at a time.
          await findShift(trx, s.shiftId!, { lock: postgres });
          if (!(await holdsFor(trx, input.placeId, after, s.personId, dayOf(s))).length) continue;
          await updateSignup(trx, s.id, { status: 'pending' });
          held++;
          const person = await findPersonById(trx, s.personId);
          const t = kith.catalogue.translator(person?.language ?? 'en');
          await email(
            kith,
            trx,
            input.placeId,
            s.personId,
            'held',
            {
              title: o.title,
              when: whenText(s.startsAt, person?.language === 'cy' ? 'cy' : 'en'),
              checks: added.map((k) => t(`volunteering.check.${k}`)).join(', '),
            },
            `${input.base}/mine`,
          );
        }
      }
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.actorId,
        action: 'volunteers.opportunityEdited',
        subjectType: 'volunteering_opportunity',
        subjectId: before.id,
        detail: { added, held },
      });
      return { held };
    },
  );
  kith.kickJobs();
  return result;
}

/** Someone who would like something done suggests it to an organisation; its coordinators decide. */
export async function suggestOpportunity(
  kith: Kith,
  input: Actor & { organisationId: string; title: string; detail: string },
): Promise<string> {
  const { result } = await once(
    kith.db,
    'volunteering.suggest',
    { owner: input.actorId, key: input.formKey },
    async (trx) => {
      const id = await insertSuggestion(trx, {
        placeId: input.placeId,
        organisationId: input.organisationId,
        title: input.title,
        detail: input.detail,
        suggestedBy: input.actorId,
      });
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.actorId,
        action: 'volunteers.suggested',
        subjectType: 'volunteering_suggestion',
        subjectId: id,
      });
      return id;
    },
  );
  return result;
}

/** A coordinator says no to a suggestion, with a reason the person who made it can read. */
export async function declineSuggestion(
  kith: Kith,
  input: Actor & { organisationId: string; suggestionId: string; response: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const suggestion = await findSuggestion(trx, input.suggestionId);
    if (!suggestion || suggestion.placeId !== input.placeId || suggestion.organisationId !== input.organisationId)
      throw new NotFoundError();
    if (
      !(await answerSuggestion(trx, suggestion.id, {
        status: 'declined',
        opportunityId: null,
        response: input.response,
      }))
    )
      throw new RuleError('volunteering.suggestion.answered', {}, 'response');
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'volunteers.suggestionDeclined',
      subjectType: 'volunteering_suggestion',
      subjectId: suggestion.id,
    });
  });
}

/**
 * Opens, closes or drafts a role. Closing may say what the coordinator would do
 * differently, kept with the role; with `shareDraft` the answer also becomes a draft
 * case study in the learning library, made once per submission like the change itself
 * (a repeat of the form gets the same draft back). Returns the draft's address when one was made.
 */
export async function changeOpportunityStatus(
  kith: Kith,
  input: Actor & {
    opportunity: Opportunity;
    status: Opportunity['status'];
    differently?: string;
    shareDraft?: boolean;
    /** What the library needs: the place's address and the case's title and location, in the coordinator's words. */
    library?: { placeSlug: string; title: string; location: string };
  },
): Promise<{ draftHref?: string }> {
  const submission = { owner: input.actorId, key: input.formKey };
  const differently = input.status === 'closed' ? (input.differently ?? '') : '';
  await once(kith.db, 'volunteering.opportunity.status', submission, async (trx) => {
    await setOpportunityStatus(trx, {
      id: input.opportunity.id,
      placeId: input.placeId,
      status: input.status,
      closingDifferently: differently,
    });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'volunteers.opportunityStatus',
      subjectType: 'volunteering_opportunity',
      subjectId: input.opportunity.id,
      detail: { status: input.status, ...(differently ? { saidWhatDifferently: true } : {}) },
    });
  });
  if (!differently || !input.shareDraft || !input.library) return {};
  const { href } = await draftCaseFromAnswer(kith, {
    placeId: input.placeId,
    placeSlug: input.library.placeSlug,
    personId: input.actorId,
    title: input.library.title,
    location: input.library.location,
    whatDifferently: differently,
    tried: input.opportunity.description,
    typologies: ['formal-volunteering'],
    from: 'volunteering',
    submission,
  });
  return { draftHref: href };
}
