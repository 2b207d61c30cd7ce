/**
 * What a referral points at: a directory activity, a volunteering role, or a befriending
 * or peer-support scheme. Every page, email, export and report names a referral's
 * target through here, so a role or a scheme is never shown as a missing activity.
 */
import type { Queryable } from '../../db/index.js';
import { activitySummaries } from '../directory/index.js';
import { roleSummaries } from '../volunteering/index.js';
import { schemeSummaries } from '../befriending/index.js';
import { requestProgress } from '../exchanges/index.js';
import type { TargetKind } from './schema.js';

export interface TargetSummary {
  kind: TargetKind;
  id: string;
  name: string;
  /** Still open to new referrals: a published activity, an open role or scheme. */
  available: boolean;
  organisationId: string;
  organisationName: string;
}

type Target = { targetKind: TargetKind; targetId: string };

/** The key a target is found under: ids are only unique within their kind. */
export const targetKey = (t: Target) => `${t.targetKind}:${t.targetId}`;

/** Names and organisations of the targets of some referrals in a place; targets from elsewhere or gone are left out. */
export async function targetSummaries(
  db: Queryable,
  placeId: string,
  targets: readonly Target[],
): Promise<Map<string, TargetSummary>> {
  const idsOf = (kind: TargetKind) => targets.filter((t) => t.targetKind === kind).map((t) => t.targetId);
  const [activities, roles, schemes, requests] = await Promise.all([
    activitySummaries(db, placeId, idsOf('activity')),
    roleSummaries(db, placeId, idsOf('role')),
    schemeSummaries(db, placeId, idsOf('scheme')),
    requestProgress(db, idsOf('request')),
  ]);
  const found = new Map<string, TargetSummary>();
  for (const a of activities.values())
    found.set(`activity:${a.id}`, {
      kind: 'activity',
      id: a.id,
      name: a.name,
      available: a.published,
      organisationId: a.organisationId,
      organisationName: a.organisationName,
    });
  for (const r of roles.values())
    found.set(`role:${r.id}`, {
      kind: 'role',
      id: r.id,
      name: r.name,
      available: r.open,
      organisationId: r.organisationId,
      organisationName: r.organisationName,
    });
  for (const r of schemes.values())
    found.set(`scheme:${r.id}`, {
      kind: 'scheme',
      id: r.id,
      name: r.name,
      available: r.open,
      organisationId: r.organisationId,
      organisationName: r.organisationName,
    });
  // A request belongs to no organisation: neighbours answer it on the offers and requests board.
  for (const r of requests.values())
    if (r.placeId === placeId)
      found.set(`request:${r.id}`, {
        kind: 'request',
        id: r.id,
        name: r.title,
        available: r.open,
        organisationId: '',
        organisationName: '',
      });
  return found;
}
