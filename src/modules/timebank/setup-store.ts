/**
 * Queries for who takes part in time credits besides people: the groups that issue
 * them (with their organisers), the partners that accept them (with their staff) and
 * the partners' rewards. Ledger queries are in store.ts.
 */
import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';

export interface CreditGroup {
  id: string;
  placeId: string;
  name: string;
  issuesCredits: boolean;
  /** The directory organisation the group is, if it said. */
  organisationId: string | null;
}

const toGroup = (r: {
  id: string;
  place_id: string;
  name: string;
  issues_credits: number;
  organisation_id: string | null;
}): CreditGroup => ({
  id: r.id,
  placeId: r.place_id,
  name: r.name,
  issuesCredits: Number(r.issues_credits) === 1,
  organisationId: r.organisation_id ?? null,
});

export async function groupsInPlace(db: Queryable, placeId: string): Promise<CreditGroup[]> {
  const rows = await db
    .selectFrom('time_credit_groups')
    .selectAll()
    .where('place_id', '=', placeId)
    .orderBy('name')
    .execute();
  return rows.map(toGroup);
}

export async function findGroup(db: Queryable, id: string): Promise<CreditGroup | undefined> {
  const r = await db.selectFrom('time_credit_groups').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toGroup(r);
}

/** The first-made group linked to this organisation that issues credits, if any. */
export async function issuingGroupOf(
  db: Queryable,
  placeId: string,
  organisationId: string,
): Promise<CreditGroup | undefined> {
  const r = await db
    .selectFrom('time_credit_groups')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('organisation_id', '=', organisationId)
    .where('issues_credits', '=', 1)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  return r && toGroup(r);
}

export async function insertGroup(
  db: Queryable,
  g: { placeId: string; name: string; issuesCredits: boolean; organisationId?: string | null },
): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('time_credit_groups')
    .values({
      id,
      place_id: g.placeId,
      name: g.name,
      issues_credits: g.issuesCredits ? 1 : 0,
      organisation_id: g.organisationId ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** Changes a group; its organisation link only when `organisationId` is given (null removes it). */
export async function updateGroup(
  db: Queryable,
  id: string,
  g: { name: string; issuesCredits: boolean; organisationId?: string | null },
): Promise<void> {
  await db
    .updateTable('time_credit_groups')
    .set({
      name: g.name,
      issues_credits: g.issuesCredits ? 1 : 0,
      ...(g.organisationId !== undefined && { organisation_id: g.organisationId }),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute();
}

export async function organisersOf(db: Queryable, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('time_credit_group_organisers')
    .select('person_id')
    .where('group_id', '=', groupId)
    .execute();
  return rows.map((r) => r.person_id);
}

export async function setOrganisers(
  db: Queryable,
  group: { id: string; placeId: string },
  personIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('time_credit_group_organisers').where('group_id', '=', group.id).execute();
  if (personIds.length) {
    await db
      .insertInto('time_credit_group_organisers')
      .values(personIds.map((p) => ({ group_id: group.id, person_id: p, place_id: group.placeId })))
      .execute();
  }
}

/** The groups in a place this person organises. */
export async function groupsOrganisedBy(db: Queryable, placeId: string, personId: string): Promise<CreditGroup[]> {
  const rows = await db
    .selectFrom('time_credit_group_organisers as o')
    .innerJoin('time_credit_groups as g', 'g.id', 'o.group_id')
    .selectAll('g')
    .where('o.person_id', '=', personId)
    .where('o.place_id', '=', placeId)
    .orderBy('g.name')
    .execute();
  return rows.map(toGroup);
}

// Partners

export interface Partner {
  id: string;
  placeId: string;
  name: string;
}

export async function partnersInPlace(db: Queryable, placeId: string): Promise<Partner[]> {
  const rows = await db
    .selectFrom('time_credit_partners')
    .select(['id', 'place_id', 'name'])
    .where('place_id', '=', placeId)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: r.id, placeId: r.place_id, name: r.name }));
}

export async function findPartner(db: Queryable, id: string): Promise<Partner | undefined> {
  const r = await db
    .selectFrom('time_credit_partners')
    .select(['id', 'place_id', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r && { id: r.id, placeId: r.place_id, name: r.name };
}

export async function insertPartner(db: Queryable, p: { placeId: string; name: string }): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('time_credit_partners')
    .values({ id, place_id: p.placeId, name: p.name, created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function updatePartner(db: Queryable, id: string, name: string): Promise<void> {
  await db.updateTable('time_credit_partners').set({ name, updated_at: nowIso() }).where('id', '=', id).execute();
}

export async function staffOf(db: Queryable, partnerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('time_credit_partner_staff')
    .select('person_id')
    .where('partner_id', '=', partnerId)
    .execute();
  return rows.map((r) => r.person_id);
}

export async function setStaff(
  db: Queryable,
  partner: { id: string; placeId: string },
  personIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('time_credit_partner_staff').where('partner_id', '=', partner.id).execute();
  if (personIds.length) {
    await db
      .insertInto('time_credit_partner_staff')
      .values(personIds.map((p) => ({ partner_id: partner.id, person_id: p, place_id: partner.placeId })))
      .execute();
  }
}

export async function partnersStaffedBy(db: Queryable, placeId: string, personId: string): Promise<Partner[]> {
  const rows = await db
    .selectFrom('time_credit_partner_staff as s')
    .innerJoin('time_credit_partners as p', 'p.id', 's.partner_id')
    .select(['p.id', 'p.place_id', 'p.name'])
    .where('s.person_id', '=', personId)
    .where('s.place_id', '=', placeId)
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({ id: r.id, placeId: r.place_id, name: r.name }));
}

// Rewards

export interface Reward {
  id: string;
  placeId: string;
  partnerId: string;
  title: string;
  cost: number;
  conditions: string;
  active: boolean;
}

const toReward = (r: {
  id: string;
  place_id: string;
  partner_id: string;
  title: string;
  cost: number;
  conditions: string;
  active: number;
}): Reward => ({
  id: r.id,
  placeId: r.place_id,
  partnerId: r.partner_id,
  title: r.title,
  cost: Number(r.cost),
  conditions: r.conditions,
  active: Number(r.active) === 1,
});

export async function rewardsOf(db: Queryable, partnerId: string, options: { activeOnly: boolean }): Promise<Reward[]> {
  let query = db.selectFrom('time_credit_rewards').selectAll().where('partner_id', '=', partnerId);
  if (options.activeOnly) query = query.where('active', '=', 1);
  return (await query.orderBy('title').execute()).map(toReward);
}

export async function activeRewardsInPlace(
  db: Queryable,
  placeId: string,
): Promise<Array<Reward & { partnerName: string }>> {
  const rows = await db
    .selectFrom('time_credit_rewards as r')
    .innerJoin('time_credit_partners as p', 'p.id', 'r.partner_id')
    .selectAll('r')
    .select('p.name as partner_name')
    .where('r.place_id', '=', placeId)
    .where('r.active', '=', 1)
    .orderBy('p.name')
    .orderBy('r.title')
    .execute();
  return rows.map((r) => ({ ...toReward(r), partnerName: r.partner_name }));
}

export async function findReward(db: Queryable, id: string): Promise<Reward | undefined> {
  const r = await db.selectFrom('time_credit_rewards').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toReward(r);
}

export async function insertReward(db: Queryable, r: Omit<Reward, 'id'>): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('time_credit_rewards')
    .values({
      id,
      place_id: r.placeId,
      partner_id: r.partnerId,
      title: r.title,
      cost: r.cost,
      conditions: r.conditions,
      active: r.active ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function updateReward(
  db: Queryable,
  id: string,
  r: Pick<Reward, 'title' | 'cost' | 'conditions' | 'active'>,
): Promise<void> {
  await db
    .updateTable('time_credit_rewards')
    .set({ title: r.title, cost: r.cost, conditions: r.conditions, active: r.active ? 1 : 0, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
}

/** Removes a person from every group and partner they run (their account is erased). */
export async function removePersonFromSetup(db: Queryable, personId: string): Promise<void> {
  await db.deleteFrom('time_credit_group_organisers').where('person_id', '=', personId).execute();
  await db.deleteFrom('time_credit_partner_staff').where('person_id', '=', personId).execute();
}
