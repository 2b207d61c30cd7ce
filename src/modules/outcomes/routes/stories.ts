/**
 * Stories of change (seed 003: "people should tell their own story"): anyone in the
 * place tells one, with an optional photo and their choice about publishing; an officer
 * or admin publishes it or explains why not.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { echoValues, submitForm, type FieldErrors } from '../../../web/forms.js';
import { MAX_PHOTO_BYTES } from '../images.js';
import { acceptMultipart } from '../../../web/multipart.js';
import { namesOf } from '../people.js';
import { isUploadedFile, ModerateInput, STORY_CONSENTS, StoryInput } from '../inputs.js';
import { moderate, tellStory } from '../stories.js';
import { findStory, frameworksOf, outcomesOf, storiesIn, storyPhoto } from '../store.js';
import { me, placeFor, viewWith, type PlaceContext } from './context.js';

const PER_PAGE = 20;

export async function storyRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function authorNames(stories: ReadonlyArray<{ authorId: string; consent: string }>) {
    return namesOf(db(), [...new Set(stories.filter((s) => s.consent === 'named').map((s) => s.authorId))]);
  }

  app.get('/places/:place/stories', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const stories = await storiesIn(db(), ctx.place.id, {
      state: 'published',
      consent: ['named', 'anonymous'],
      limit: PER_PAGE,
    });
    const names = await authorNames(stories);
    return viewWith(reply, ctx, 'outcomes/stories.njk', {
      pageTitle: request.t('outcomes.stories.title'),
      stories: stories.map((s) => ({
        ...s,
        author:
          s.consent === 'named'
            ? (names.get(s.authorId) ?? request.t('outcomes.story.anonymous'))
            : request.t('outcomes.story.anonymous'),
      })),
      canTell: kith.policy.can(request.actor, 'impact.takePart', ctx.place),
      canModerate: kith.policy.can(request.actor, 'impact.moderate', ctx.place),
    });
  });

  async function showNew(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    errors?: FieldErrors,
    status = 200,
  ) {
    const frameworks = (await frameworksOf(db(), ctx.place.id)).filter((f) => f.state === 'published');
    const outcomes = await outcomesOf(
      db(),
      frameworks.map((f) => f.id),
    );
    const body = (errors ? request.body : {}) as Record<string, unknown>;
    const chosen = [body.outcomes ?? []].flat().map(String);
    return viewWith(
      reply,
      ctx,
      'outcomes/story-form.njk',
      {
        pageTitle: request.t('outcomes.story.new'),
        outcomes: outcomes.map((o) => ({ value: o.id, text: o.title, checked: chosen.includes(o.id) })),
        consents: STORY_CONSENTS.map((c) => ({
          value: c,
          text: request.t(`outcomes.story.consent.${c}`),
          checked: body.consent === c,
        })),
        maxMegabytes: MAX_PHOTO_BYTES / 1024 / 1024,
        values: errors
          ? echoValues(Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')))
          : {},
        errors,
        fieldIds: { consent: 'consent', outcomes: 'outcomes' },
      },
      status,
    );
  }

  app.get('/places/:place/stories/new', async (request, reply) =>
    showNew(request, reply, await placeFor(kith, request, 'impact.takePart')),
  );

  // The one form with a file: multipart bodies are read only here, up to a size that
  // lets an over-large photo be refused beside its field rather than by a bare error.
  await app.register(async (uploads) => {
    acceptMultipart(uploads, 12 * 1024 * 1024);

    uploads.post('/places/:place/stories/new', { bodyLimit: 12 * 1024 * 1024 }, async (request, reply) => {
      const ctx = await placeFor(kith, request, 'impact.takePart');
      const body = (request.body ?? {}) as Record<string, unknown>;
      return submitForm(request, {
        schema: StoryInput,
        input: { ...body, hasPhoto: isUploadedFile(body.photo) },
        show: (form) => showNew(request, reply, ctx, form.errors, form.status),
        run: async (story, submission) => {
          await tellStory(kith, {
            placeId: ctx.place.id,
            actorId: me(request),
            formKey: submission.key,
            lang: request.lang,
            title: story.title,
            body: story.body,
            consent: story.consent,
            outcomeIds: story.outcomes,
            photo: story.photo && { ...story.photo, alt: story.photoAlt },
          });
          return story.consent;
        },
        done: (consent) =>
          reply.seeOther(
            `/places/${ctx.place.slug}/stories`,
            consent === 'private' ? 'outcomes.story.keptPrivate' : 'outcomes.story.submitted',
          ),
      });
    });
  });

  app.get('/places/:place/stories/:story/photo', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const story = await findStory(db(), ctx.place.id, (request.params as { story: string }).story);
    const visible =
      story &&
      ((story.state === 'published' && story.consent !== 'private') ||
        story.authorId === request.actor.personId ||
        kith.policy.can(request.actor, 'impact.moderate', ctx.place));
    const photo = visible ? await storyPhoto(db(), story.id) : undefined;
    if (!photo || !story) throw new NotFoundError();
    return reply
      .type(photo.contentType)
      .header('cache-control', story.state === 'published' ? 'public, max-age=3600' : 'private, no-store')
      .header('content-disposition', 'inline')
      .send(Buffer.from(photo.bytes));
  });

  async function showModeration(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    errors?: FieldErrors,
    status = 200,
  ) {
    const stories = await storiesIn(db(), ctx.place.id, { state: 'submitted', limit: 50 });
    const failed = errors ? (request.params as { story?: string }).story : undefined;
    const names = await namesOf(db(), [...new Set(stories.map((s) => s.authorId))]);
    return viewWith(
      reply,
      ctx,
      'outcomes/moderation.njk',
      {
        pageTitle: request.t('outcomes.moderation.title'),
        stories: stories.map((s) => ({
          ...s,
          author: names.get(s.authorId) ?? request.t('outcomes.someone'),
          consentText: request.t(`outcomes.story.consent.${s.consent}`),
          isPrivate: s.consent === 'private',
        })),
        failed,
        values: errors ? echoValues(request.body) : {},
        errors,
        // Each story has its own form: the summary's links land on the failed story's fields.
        fieldIds: failed ? { decision: `decision-${failed}`, note: `note-${failed}` } : {},
      },
      status,
    );
  }

  app.get('/places/:place/stories/moderation', async (request, reply) =>
    showModeration(request, reply, await placeFor(kith, request, 'impact.moderate')),
  );

  app.post('/places/:place/stories/:story/moderate', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.moderate');
    return submitForm(request, {
      schema: ModerateInput,
      show: (form) => showModeration(request, reply, ctx, form.errors, form.status),
      run: async ({ decision, note }) => {
        await moderate(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          storyId: (request.params as { story: string }).story,
          decision,
          note,
        });
        return decision;
      },
      done: (decision) =>
        reply.seeOther(
          `/places/${ctx.place.slug}/stories/moderation`,
          decision === 'publish' ? 'outcomes.moderation.published' : 'outcomes.moderation.rejected',
        ),
    });
  });
}
