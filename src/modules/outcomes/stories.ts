/** Stories of change: anyone may tell one, with their consent to publish; a moderator publishes it. */
import { NotFoundError, RuleError } from '../../errors.js';
import type { Trx } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { Lang } from '../../web/i18n.js';
import type { StoryConsent } from './schema.js';
import { submitted, type Submitted } from '../../platform/idempotency/index.js';
import { findOutcome, findStory, insertStory, insertStoryPhoto, moderateStory } from './store.js';

export async function tellStory(
  kith: Kith,
  command: Submitted & {
    placeId: string;
    lang: Lang;
    title: string;
    body: string;
    consent: StoryConsent;
    outcomeIds: string[];
    photo?: { type: 'image/jpeg' | 'image/png'; bytes: Buffer; alt: string };
  },
): Promise<string> {
  const t = kith.catalogue.translator(command.lang);
  return submitted(kith, command, 'outcomes/story', async (trx) => {
    for (const id of command.outcomeIds)
      if (!(await findOutcome(trx, command.placeId, id)))
        throw new RuleError('outcomes.validation.story.outcomes', {}, 'outcomes');
    const id = await insertStory(
      trx,
      {
        place_id: command.placeId,
        author_id: command.actorId,
        title: command.title,
        body: command.body,
        consent: command.consent,
        consent_wording: t(`outcomes.story.consent.${command.consent}`),
        photo_alt: command.photo?.alt ?? null,
      },
      command.outcomeIds,
    );
    if (command.photo)
      await insertStoryPhoto(trx, {
        story_id: id,
        place_id: command.placeId,
        content_type: command.photo.type,
        bytes: command.photo.bytes,
        size: command.photo.bytes.length,
      });
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'story.submitted',
      subjectType: 'story',
      subjectId: id,
    });
    return id;
  });
}

export async function moderate(
  kith: Kith,
  command: { placeId: string; actorId: string; storyId: string; decision: 'publish' | 'reject'; note: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const story = await findStory(trx, command.placeId, command.storyId);
    if (!story) throw new NotFoundError();
    // A story the teller kept private is never published, whoever asks.
    if (command.decision === 'publish' && story.consent === 'private')
      throw new RuleError('outcomes.story.private', {}, 'decision');
    if (
      !(await moderateStory(trx, story.id, {
        state: command.decision === 'publish' ? 'published' : 'rejected',
        note: command.note || null,
        by: command.actorId,
      }))
    )
      throw new RuleError('outcomes.story.alreadyModerated', {}, 'decision');
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: command.decision === 'publish' ? 'story.published' : 'story.rejected',
      subjectType: 'story',
      subjectId: story.id,
      detail: { title: story.title },
    });
  });
}

/**
 * A story told elsewhere in Kith (a small grant's check-in, say), whose teller agreed it
 * may be shared: it joins the stories to moderate like one told here, shared without the
 * teller's name (the title says whose project it was), and a moderator publishes it.
 * Runs in the caller's transaction so the story and what it came from are kept together.
 */
export async function storyFromElsewhere(
  trx: Trx,
  story: { placeId: string; authorId: string; title: string; body: string; consentWording: string },
): Promise<string> {
  const id = await insertStory(
    trx,
    {
      place_id: story.placeId,
      author_id: story.authorId,
      title: story.title,
      body: story.body,
      consent: 'anonymous',
      consent_wording: story.consentWording,
      photo_alt: null,
    },
    [],
  );
  await recordAudit(trx, {
    placeId: story.placeId,
    actorId: story.authorId,
    action: 'story.submitted',
    subjectType: 'story',
    subjectId: id,
  });
  return id;
}
