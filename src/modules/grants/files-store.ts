/** Supporting files' SQL, kept apart from store.ts because their rows carry bytes. */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/index.js';
import type { GrantApplicationFileTable } from './schema.js';

export type SupportingFileType = GrantApplicationFileTable['content_type'];

/** What lists show of a file: never its bytes. */
export interface SupportingFile {
  id: string;
  applicationId: string;
  fileName: string;
  contentType: SupportingFileType;
  size: number;
  uploadedAt: string;
}

const LISTED = ['id', 'application_id', 'file_name', 'content_type', 'size', 'uploaded_at'] as const;

const toFile = (r: Pick<GrantApplicationFileTable, (typeof LISTED)[number]>): SupportingFile => ({
  id: r.id,
  applicationId: r.application_id,
  fileName: r.file_name,
  contentType: r.content_type,
  size: Number(r.size),
  uploadedAt: r.uploaded_at,
});

export async function insertSupportingFile(
  db: Queryable,
  row: { placeId: string; applicationId: string; fileName: string; contentType: SupportingFileType; bytes: Buffer },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('grant_application_files')
    .values({
      id,
      place_id: row.placeId,
      application_id: row.applicationId,
      file_name: row.fileName,
      content_type: row.contentType,
      bytes: row.bytes,
      size: row.bytes.length,
      uploaded_at: new Date().toISOString(),
    })
    .execute();
  return id;
}

export async function supportingFilesOf(db: Queryable, applicationId: string): Promise<SupportingFile[]> {
  const rows = await db
    .selectFrom('grant_application_files')
    .select(LISTED)
    .where('application_id', '=', applicationId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
  return rows.map(toFile);
}

/** Every file on a round's applications, by application: what the officers' page links to. */
export async function supportingFilesInRound(db: Queryable, roundId: string): Promise<Map<string, SupportingFile[]>> {
  const rows = await db
    .selectFrom('grant_application_files as f')
    .innerJoin('grant_applications as a', 'a.id', 'f.application_id')
    .select(['f.id', 'f.application_id', 'f.file_name', 'f.content_type', 'f.size', 'f.uploaded_at'])
    .where('a.round_id', '=', roundId)
    .orderBy('f.uploaded_at')
    .orderBy('f.id')
    .execute();
  const byApplication = new Map<string, SupportingFile[]>();
  for (const r of rows)
    byApplication.set(r.application_id, [...(byApplication.get(r.application_id) ?? []), toFile(r)]);
  return byApplication;
}

export async function supportingFileBytes(
  db: Queryable,
  applicationId: string,
  fileId: string,
): Promise<(SupportingFile & { bytes: Buffer }) | undefined> {
  const row = await db
    .selectFrom('grant_application_files')
    .select([...LISTED, 'bytes'])
    .where('application_id', '=', applicationId)
    .where('id', '=', fileId)
    .executeTakeFirst();
  return row && { ...toFile(row), bytes: Buffer.from(row.bytes) };
}

export async function deleteSupportingFile(db: Queryable, applicationId: string, fileId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('grant_application_files')
    .where('application_id', '=', applicationId)
    .where('id', '=', fileId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
