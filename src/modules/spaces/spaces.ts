/** Commands about the spaces themselves: listing one and changing it. */
import { RuleError, NotFoundError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { locationSummaries, organisationSummariesByIds } from '../directory/index.js';
import type { Trx } from '../../db/index.js';
import type { SpaceInput } from './inputs.js';
import { findSpace, insertSpace, updateSpace } from './store.js';

/** Who is listing: which organisations they belong to, and whether they may list for none (officers, partners, admins). */
export interface Lister {
  personId: string;
  organisationIds: readonly string[];
  mayListForNone: boolean;
}

async function checkOwnership(trx: Trx, placeId: string, lister: Lister, input: SpaceInput) {
  const [location] = await locationSummaries(trx, placeId, [input.locationId]);
  if (!location) throw new RuleError('spaces.validation.locationId.required', {}, 'locationId');
  if (input.organisationId === null) {
    if (!lister.mayListForNone) throw new RuleError('spaces.validation.organisationId.required', {}, 'organisationId');
    return;
  }
  const found = await organisationSummariesByIds(trx, placeId, [input.organisationId]);
  if (
    !found.has(input.organisationId) ||
    (!lister.mayListForNone && !lister.organisationIds.includes(input.organisationId))
  )
    throw new RuleError('spaces.validation.organisationId.notYours', {}, 'organisationId');
}

export async function listSpace(
  kith: Kith,
  c: { placeId: string; lister: Lister; input: SpaceInput; submission?: Submission },
): Promise<string> {
  const { result } = await once(kith.db, 'spaces.list', c.submission, async (trx) => {
    await checkOwnership(trx, c.placeId, c.lister, c.input);
    const id = await insertSpace(trx, c.placeId, c.lister.personId, c.input);
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.lister.personId,
      action: 'spaces.space.list',
      subjectType: 'spaces_space',
      subjectId: id,
      detail: { name: c.input.name },
    });
    return id;
  });
  return result;
}

export async function editSpace(
  kith: Kith,
  c: { placeId: string; spaceId: string; lister: Lister; input: SpaceInput },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const space = await findSpace(trx, c.placeId, c.spaceId);
    if (!space) throw new NotFoundError();
    // Whoever runs it may keep its organisation; moving it needs the same right as listing.
    if (c.input.organisationId !== space.organisationId) await checkOwnership(trx, c.placeId, c.lister, c.input);
    else if (!(await locationSummaries(trx, c.placeId, [c.input.locationId])).length)
      throw new RuleError('spaces.validation.locationId.required', {}, 'locationId');
    await updateSpace(trx, c.placeId, c.spaceId, c.input);
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.lister.personId,
      action: 'spaces.space.edit',
      subjectType: 'spaces_space',
      subjectId: c.spaceId,
    });
  });
}
