/** Stories of change: anyone may tell one, with their consent to publish; a moderator publishes it. */
import { NotFoundError, RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { Lang } from '../../web/i18n.js';
import type { StoryConsent } from './schema.js';
import { submitted, type Submitted } from '../../platform/idempotency/index.js';
import { findOutcome, findStory, insertStory, insertStoryPhoto, moderateStory } from './store.js';

export async function tellStory(
  kith: Kith,
  c: Submitted & {
    placeId: string;
    lang: Lang;
    title: string;
    body: string;
    consent: StoryConsent;
    outcomeIds: string[];
    photo?: { type: 'image/jpeg' | 'image/png'; bytes: Buffer; alt: string };
  },
): Promise<string> {
  const t = kith.catalogue.translator(c.lang);
  return submitted(kith, c, 'outcomes/story', async (trx) => {
    for (const id of c.outcomeIds)
      if (!(await findOutcome(trx, c.placeId, id)))
        throw new RuleError('outcomes.validation.story.outcomes', {}, 'outcomes');
    const id = await insertStory(
      trx,
      {
        place_id: c.placeId,
        author_id: c.actorId,
        title: c.title,
        body: c.body,
        consent: c.consent,
        consent_wording: t(`outcomes.story.consent.${c.consent}`),
        photo_alt: c.photo?.alt ?? null,
      },
      c.outcomeIds,
    );
    if (c.photo)
      await insertStoryPhoto(trx, {
        story_id: id,
        place_id: c.placeId,
        content_type: c.photo.type,
        bytes: c.photo.bytes,
        size: c.photo.bytes.length,
      });
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action: 'story.submitted',
      subjectType: 'story',
      subjectId: id,
    });
    return id;
  });
}

export async function moderate(
  kith: Kith,
  c: { placeId: string; actorId: string; storyId: string; decision: 'publish' | 'reject'; note: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const story = await findStory(trx, c.placeId, c.storyId);
    if (!story) throw new NotFoundError();
    // A story the teller kept private is never published, whoever asks.
    if (c.decision === 'publish' && story.consent === 'private')
      throw new RuleError('outcomes.story.private', {}, 'decision');
    if (
      !(await moderateStory(trx, story.id, {
        state: c.decision === 'publish' ? 'published' : 'rejected',
        note: c.note || null,
        by: c.actorId,
      }))
    )
      throw new RuleError('outcomes.story.alreadyModerated', {}, 'decision');
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action: c.decision === 'publish' ? 'story.published' : 'story.rejected',
      subjectType: 'story',
      subjectId: story.id,
      detail: { title: story.title },
    });
  });
}
