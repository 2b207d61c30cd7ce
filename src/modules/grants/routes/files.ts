/**
 * An application's supporting files: the applicant's page to add and remove them while
 * the round is open, and the one download, for the applicant, the round's panel and
 * the place's officers. A download is always an attachment with the type its bytes
 * showed, so a browser never renders or guesses at what an applicant sent.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { freshForm, submitForm, type FormState } from '../../../web/forms.js';
import { acceptMultipart } from '../../../web/multipart.js';
import { actorId } from '../../../web/place.js';
import {
  attachmentHeader,
  attachSupportingFile,
  MAX_SUPPORTING_FILE_BYTES,
  MAX_SUPPORTING_FILES,
  removeSupportingFile,
  SupportingFileInput,
  SUPPORTING_FILE_BODY_LIMIT,
} from '../files.js';
import { supportingFileBytes, supportingFilesOf, type SupportingFile } from '../files-store.js';
import { isOpenAt } from '../rules.js';
import { panelOf, type Application } from '../store.js';
import {
  applicationIn,
  grantsPlace,
  presentApplication,
  roundIn,
  view,
  type PlaceContext,
  type Reply,
} from './context.js';

/** A file's size as people read it: "240 KB", "1.4 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A file as a list shows it, with where to download it. */
export function presentFile(base: string, file: SupportingFile) {
  return {
    ...file,
    sizeText: fileSize(file.size),
    href: `${base}/applications/${file.applicationId}/files/${file.id}`,
  };
}

export async function fileRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function ownApplication(request: FastifyRequest, ctx: PlaceContext) {
    const application = await applicationIn(kith, request, ctx);
    kith.policy.authorize(request.actor, 'smallGrants.ownApplication', application);
    return application;
  }

  async function showFiles(
    request: FastifyRequest,
    reply: Reply,
    ctx: PlaceContext,
    application: Application,
    form: FormState,
  ) {
    const round = await roundIn(kith, { params: { round: application.roundId } } as unknown as FastifyRequest, ctx);
    const files = await supportingFilesOf(db(), application.id);
    const full = files.length >= MAX_SUPPORTING_FILES;
    const open = isOpenAt(round, new Date()) && (application.status === 'draft' || application.status === 'submitted');
    return view(
      reply,
      ctx,
      'grants/files.njk',
      {
        pageTitle: request.t('grants.files.title'),
        documentTitle: request.t('grants.files.documentTitle', {
          title: application.projectTitle || request.t('grants.apply.untitled'),
        }),
        application: presentApplication(request.t, application),
        files: files.map((f) => presentFile(ctx.base, f)),
        open,
        full,
        maximum: MAX_SUPPORTING_FILES,
        megabytes: MAX_SUPPORTING_FILE_BYTES / 1024 / 1024,
        errors: form.errors,
        // With no upload form (closed, or three files already), the message stands alone under the list.
        fieldIds: { file: open && !full ? 'file' : 'file-error' },
      },
      form.status,
    );
  }

  app.get('/places/:place/grants/applications/:application/files', async (request, reply) => {
    const ctx = await grantsPlace(kith, request, 'smallGrants.apply');
    const application = await ownApplication(request, ctx);
    return showFiles(request, reply, ctx, application, freshForm());
  });

  // The upload reads a multipart body, and only here: up to a size that lets an
  // oversized file be refused beside its field rather than by a bare error.
  await app.register(async (uploads) => {
    acceptMultipart(uploads, SUPPORTING_FILE_BODY_LIMIT);
    uploads.post(
      '/places/:place/grants/applications/:application/files',
      { bodyLimit: SUPPORTING_FILE_BODY_LIMIT },
      async (request, reply) => {
        const ctx = await grantsPlace(kith, request, 'smallGrants.apply');
        const application = await ownApplication(request, ctx);
        return submitForm(request, {
          schema: SupportingFileInput,
          // Nothing the person typed is shown again: the only field is the file.
          echo: {},
          show: (form) => showFiles(request, reply, ctx, application, form),
          run: (input, submission) =>
            attachSupportingFile(kith, {
              placeId: ctx.place.id,
              personId: actorId(request),
              applicationId: application.id,
              file: input.file,
              submission,
            }),
          done: () => reply.seeOther(`${ctx.base}/applications/${application.id}/files`, 'grants.files.added'),
        });
      },
    );
  });

  app.post('/places/:place/grants/applications/:application/files/:file/remove', async (request, reply) => {
    const ctx = await grantsPlace(kith, request, 'smallGrants.apply');
    const application = await ownApplication(request, ctx);
    return submitForm(request, {
      schema: z.object({}),
      show: (form) => showFiles(request, reply, ctx, application, form),
      run: () =>
        removeSupportingFile(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          applicationId: application.id,
          fileId: (request.params as { file: string }).file,
        }),
      done: () => reply.seeOther(`${ctx.base}/applications/${application.id}/files`, 'grants.files.removed'),
    });
  });

  app.get('/places/:place/grants/applications/:application/files/:file', async (request, reply) => {
    const ctx = await grantsPlace(kith, request, 'smallGrants.apply');
    const application = await applicationIn(kith, request, ctx);
    kith.policy.authorize(request.actor, 'smallGrants.supportingFiles', {
      placeId: ctx.place.id,
      applicantId: application.applicantId,
      status: application.status,
      panel: await panelOf(db(), application.roundId),
    });
    const file = await supportingFileBytes(db(), application.id, (request.params as { file: string }).file);
    if (!file) throw new NotFoundError();
    return reply
      .type(file.contentType)
      .header('content-disposition', attachmentHeader(file.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.bytes);
  });
}
