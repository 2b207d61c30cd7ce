/**
 * People's own skills and passions: adding, changing and removing them (each one
 * transaction with its audit record), and the service other capabilities use to read
 * the skills a viewer may see.
 */
import { NotFoundError } from '../../errors.js';
import type { Queryable } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import type { Actor } from '../../policy/index.js';
import type { SkillInput } from './inputs.js';
import { visibleLevels } from './visibility.js';
import { deleteSkill, findSkill, insertSkill, updateSkill, visibleSkills, type Skill } from './store.js';

export async function addSkill(
  kith: Kith,
  c: { placeId: string; personId: string; input: SkillInput; submission?: Submission },
): Promise<string> {
  const { result } = await once(kith.db, 'assets.addSkill', c.submission, async (trx) => {
    const id = await insertSkill(trx, { placeId: c.placeId, personId: c.personId, ...c.input });
    // What the skill says stays out of the audit log: it is the person's to erase.
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.personId,
      action: 'assetMap.skillAdded',
      subjectType: 'asset_skill',
      subjectId: id,
      detail: { visibility: c.input.visibility },
    });
    return id;
  });
  return result;
}

async function ownSkill(db: Queryable, placeId: string, id: string, personId: string): Promise<Skill> {
  const skill = await findSkill(db, placeId, id);
  // Someone else's skill is "not found", never "forbidden": nobody learns it exists.
  if (!skill || skill.personId !== personId) throw new NotFoundError();
  return skill;
}

export async function changeSkill(
  kith: Kith,
  c: { placeId: string; personId: string; skillId: string; input: SkillInput },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    await ownSkill(trx, c.placeId, c.skillId, c.personId);
    await updateSkill(trx, c.placeId, c.skillId, c.input);
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.personId,
      action: 'assetMap.skillChanged',
      subjectType: 'asset_skill',
      subjectId: c.skillId,
      detail: { visibility: c.input.visibility },
    });
  });
}

export async function removeSkill(
  kith: Kith,
  c: { placeId: string; personId: string; skillId: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    await ownSkill(trx, c.placeId, c.skillId, c.personId);
    await deleteSkill(trx, c.placeId, c.skillId);
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.personId,
      action: 'assetMap.skillRemoved',
      subjectType: 'asset_skill',
      subjectId: c.skillId,
    });
  });
}

/** Words to look for in a skill: lower-cased, without LIKE's wildcards, at most five. */
export function skillWords(text: string | undefined): string[] {
  return (text ?? '')
    .toLowerCase()
    .replace(/[%_\\]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length >= 2)
    .slice(0, 5);
}

/**
 * The skills and passions in a place that this viewer may see: public ones for
 * everyone, "members" ones for members of the place, "coordinators" ones for its
 * coordinators and admins, and the viewer's own. "Only me" skills are never returned
 * to anyone but their owner. For other capabilities (matching, volunteering,
 * befriending): never show a skill to someone it was not returned for.
 */
export async function skillsVisibleTo(
  db: Queryable,
  options: { placeId: string; viewer: Actor; words?: string; limit?: number; offset?: number },
): Promise<{ skills: Skill[]; total: number }> {
  const levels = visibleLevels(options.viewer, options.placeId);
  return visibleSkills(
    db,
    { placeId: options.placeId, levels, viewerId: options.viewer.personId },
    { words: skillWords(options.words), limit: options.limit ?? 50, offset: options.offset ?? 0 },
  );
}
