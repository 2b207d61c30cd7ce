import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';

export interface AuditEvent {
  id: string;
  placeId: string | null;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
  createdAt: string;
}

export interface NewAuditEvent {
  placeId?: string | null;
  actorId?: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  detail?: Record<string, unknown>;
}

/** Record what happened. Call it inside the transaction of the change it describes. */
export async function recordAudit(db: Queryable, event: NewAuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: randomUUID(),
      place_id: event.placeId ?? null,
      actor_id: event.actorId ?? null,
      action: event.action,
      subject_type: event.subjectType ?? null,
      subject_id: event.subjectId ?? null,
      detail: JSON.stringify(event.detail ?? {}),
      created_at: nowIso(),
    })
    .execute();
}

export async function auditEventsForPlace(
  db: Queryable,
  placeId: string,
  page: { limit: number; offset: number },
): Promise<{ events: AuditEvent[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('audit_events')
      .selectAll()
      .where('place_id', '=', placeId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('place_id', '=', placeId)
      .executeTakeFirstOrThrow(),
  ]);
  return { events: rows.map(toEvent), total: Number(count.n) };
}

export async function auditEventsAbout(db: Queryable, personId: string): Promise<AuditEvent[]> {
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('actor_id', '=', personId),
        eb.and([eb('subject_type', '=', 'person'), eb('subject_id', '=', personId)]),
      ]),
    )
    .orderBy('created_at')
    .execute();
  return rows.map(toEvent);
}

/** Stands in for a person's id in the audit log once their account is erased. */
export const ERASED_PERSON = 'erased';

/**
 * Erasure keeps the record that something happened and when, but no longer says who:
 * the person's id is replaced wherever they acted or were the subject.
 */
export async function anonymiseAuditFor(db: Queryable, personId: string): Promise<void> {
  await db.updateTable('audit_events').set({ actor_id: ERASED_PERSON }).where('actor_id', '=', personId).execute();
  await db
    .updateTable('audit_events')
    .set({ subject_id: ERASED_PERSON })
    .where('subject_type', '=', 'person')
    .where('subject_id', '=', personId)
    .execute();
}

function toEvent(row: {
  id: string;
  place_id: string | null;
  actor_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: string;
  created_at: string;
}): AuditEvent {
  return {
    id: row.id,
    placeId: row.place_id,
    actorId: row.actor_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}
