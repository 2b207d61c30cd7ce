/**
 * Supporting files on a grant application: at most three, each a PDF, JPEG or PNG of at
 * most 5 MB. What a file is comes from its first bytes, never from its name or from
 * the content type the browser sent, because both are whatever the sender says.
 * Files are added and removed only while the round takes applications.
 */
import { z } from 'zod';
import type { Trx } from '../../db/index.js';
import { RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { isUploadedFile } from '../../web/multipart.js';
import {
  deleteSupportingFile,
  insertSupportingFile,
  supportingFilesOf,
  type SupportingFileType,
} from './files-store.js';
import { isOpenAt } from './rules.js';
import { findApplication, findRound } from './store.js';

export const MAX_SUPPORTING_FILES = 3;
export const MAX_SUPPORTING_FILE_BYTES = 5 * 1024 * 1024;
/** A multipart body a little larger than the largest file, so an oversized one is refused beside its field. */
export const SUPPORTING_FILE_BODY_LIMIT = 12 * 1024 * 1024;

const EXTENSIONS: Record<SupportingFileType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A file's type from its first bytes: %PDF-, FF D8 FF (JPEG) or the PNG signature; otherwise none. */
export function supportingFileType(bytes: Uint8Array): SupportingFileType | undefined {
  if (bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && PNG.every((b, i) => bytes[i] === b)) return 'image/png';
  return undefined;
}

/**
 * The name a file is shown and downloaded as: the sender's name without any folders,
 * with only letters, digits, spaces and . _ ( ) - kept, and the extension its bytes
 * call for (a PDF named "quote.png" downloads as "quote.pdf").
 */
export function safeFileName(name: string, type: SupportingFileType): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const stem = base
    .normalize('NFC')
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/^[\s._]+/, '')
    .slice(0, 80)
    .trim();
  return `${stem || 'file'}.${EXTENSIONS[type]}`;
}

/** Content-Disposition for a download: always an attachment, never shown in the browser. */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The upload form's one field: a file Kith will keep, or why not, beside the field. */
export const SupportingFileInput = z.object({
  file: z.unknown().transform((file, ctx) => {
    if (!isUploadedFile(file)) {
      ctx.addIssue({ code: 'custom', message: 'grants.files.choose' });
      return z.NEVER;
    }
    if (file.data.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'grants.files.empty' });
      return z.NEVER;
    }
    if (file.data.length > MAX_SUPPORTING_FILE_BYTES) {
      // `maximum` fills the message's {maximum}, in megabytes.
      ctx.addIssue({ code: 'custom', message: 'grants.files.size', maximum: MAX_SUPPORTING_FILE_BYTES / 1024 / 1024 });
      return z.NEVER;
    }
    const type = supportingFileType(file.data);
    if (!type) {
      ctx.addIssue({ code: 'custom', message: 'grants.files.type' });
      return z.NEVER;
    }
    return { fileName: safeFileName(file.filename, type), contentType: type, bytes: file.data };
  }),
});
export type SupportingFileUpload = z.output<typeof SupportingFileInput>['file'];

interface Acting {
  placeId: string;
  personId: string;
  applicationId: string;
  submission?: Submission;
  now?: Date;
}

/** The applicant's own application, still open to change: a draft or submitted, in a round taking applications. */
async function openApplication(trx: Trx, input: Acting) {
  const application = await findApplication(trx, input.placeId, input.applicationId);
  if (!application || application.applicantId !== input.personId)
    throw new RuleError('grants.files.notYours', {}, 'file');
  const round = await findRound(trx, input.placeId, application.roundId);
  if (
    !round ||
    !isOpenAt(round, input.now ?? new Date()) ||
    (application.status !== 'draft' && application.status !== 'submitted')
  )
    throw new RuleError('grants.files.closed', {}, 'file');
  return application;
}

export async function attachSupportingFile(
  kith: Kith,
  input: Acting & { file: SupportingFileUpload },
): Promise<string> {
  const { result } = await once(kith.db, 'smallGrants.file.attach', input.submission, async (trx) => {
    const application = await openApplication(trx, input);
    if ((await supportingFilesOf(trx, application.id)).length >= MAX_SUPPORTING_FILES)
      throw new RuleError('grants.files.tooMany', { maximum: String(MAX_SUPPORTING_FILES) }, 'file');
    const id = await insertSupportingFile(trx, {
      placeId: input.placeId,
      applicationId: application.id,
      ...input.file,
    });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'smallGrants.file.attach',
      subjectType: 'grant_application',
      subjectId: application.id,
      detail: { file: id, type: input.file.contentType, size: input.file.bytes.length },
    });
    return id;
  });
  return result;
}

export async function removeSupportingFile(kith: Kith, input: Acting & { fileId: string }): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const application = await openApplication(trx, input);
    // Removing a file already gone (a second click) changes nothing and records nothing.
    if (!(await deleteSupportingFile(trx, application.id, input.fileId))) return;
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'smallGrants.file.remove',
      subjectType: 'grant_application',
      subjectId: application.id,
      detail: { file: input.fileId },
    });
  });
}
