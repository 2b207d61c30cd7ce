/**
 * A person's own skills and passions: see them with who can see each, add, change and
 * remove them. Only ever the person's own: another person's skill is "not found".
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import type { Translate } from '../../../web/i18n.js';
import { submitForm, type FieldErrors } from '../../../web/forms.js';
import { SKILL_CATEGORIES, SKILL_KINDS, SkillInput, VISIBILITIES } from '../inputs.js';
import { addSkill, changeSkill, removeSkill } from '../skills.js';
import { findSkill, skillsOf, type Skill } from '../store.js';
import { me, placeFor, viewWith, type PlaceContext } from './context.js';

function fieldItems(t: Translate, values: Record<string, unknown>) {
  return {
    skillKinds: SKILL_KINDS.map((k) => ({
      value: k,
      text: t(`assets.skillKind.${k}`),
      hint: { text: t(`assets.skillKind.${k}.hint`) },
      checked: values.kind === k,
    })),
    categories: [
      { value: '', text: t('assets.category.none') },
      ...SKILL_CATEGORIES.map((c) => ({ value: c, text: t(`assets.category.${c}`), selected: values.category === c })),
    ],
    visibilities: VISIBILITIES.map((v) => ({
      value: v,
      text: t(`assets.visibility.${v}`),
      hint: { text: t(`assets.visibility.${v}.hint`) },
      checked: values.visibility === v,
    })),
  };
}

export function skillRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function showMine(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const { t } = request;
    const skills = await skillsOf(db(), ctx.place.id, me(request));
    return viewWith(
      reply,
      ctx,
      'assets/skills.njk',
      {
        pageTitle: t('assets.skills.title'),
        skills: skills.map((s) => ({
          ...s,
          kindText: t(`assets.skillKind.${s.kind}`),
          categoryText: s.category ? t(`assets.category.${s.category}`) : '',
          visibilityText: t(`assets.visibility.${s.visibility}`),
          visibilityHint: t(`assets.visibility.${s.visibility}.hint`),
        })),
        values,
        errors,
        fieldIds: { kind: 'kind', visibility: 'visibility' },
        ...fieldItems(t, values),
      },
      status,
    );
  }

  app.get('/places/:place/assets/skills', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'assetMap.contribute');
    // Nothing personal is public by default: a new skill starts as "only me".
    return showMine(request, reply, ctx, { kind: 'skill', visibility: 'only_me' });
  });

  app.post('/places/:place/assets/skills', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'assetMap.contribute');
    return submitForm(request, {
      schema: SkillInput,
      show: (form) => showMine(request, reply, ctx, form.values, form.errors, form.status),
      run: (input, submission) => addSkill(kith, { placeId: ctx.place.id, personId: me(request), input, submission }),
      done: () => reply.seeOther(`${ctx.base}/skills`, 'assets.skills.added'),
    });
  });

  /** The person's own skill; anyone else's is "not found". */
  async function ownSkill(request: FastifyRequest, ctx: PlaceContext): Promise<Skill> {
    kith.policy.authorize(request.actor, 'assetMap.contribute', ctx.place);
    const skill = await findSkill(db(), ctx.place.id, (request.params as { id: string }).id);
    if (!skill || !kith.policy.can(request.actor, 'assetMap.ownSkill', skill)) throw new NotFoundError();
    return skill;
  }

  async function showEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    skill: Skill,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    return viewWith(
      reply,
      ctx,
      'assets/skill-form.njk',
      {
        pageTitle: request.t('assets.skills.edit.title'),
        skill,
        values,
        errors,
        fieldIds: { kind: 'kind', visibility: 'visibility' },
        ...fieldItems(request.t, values),
      },
      status,
    );
  }

  app.get('/places/:place/assets/skills/:id/edit', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const skill = await ownSkill(request, ctx);
    return showEdit(request, reply, ctx, skill, {
      kind: skill.kind,
      description: skill.description,
      category: skill.category ?? '',
      visibility: skill.visibility,
    });
  });

  app.post('/places/:place/assets/skills/:id/edit', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const skill = await ownSkill(request, ctx);
    return submitForm(request, {
      schema: SkillInput,
      show: (form) => showEdit(request, reply, ctx, skill, form.values, form.errors, form.status),
      run: (input) => changeSkill(kith, { placeId: ctx.place.id, personId: me(request), skillId: skill.id, input }),
      done: () => reply.seeOther(`${ctx.base}/skills`, 'assets.skills.changed'),
    });
  });

  app.post('/places/:place/assets/skills/:id/remove', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const skill = await ownSkill(request, ctx);
    await removeSkill(kith, { placeId: ctx.place.id, personId: me(request), skillId: skill.id });
    return reply.seeOther(`${ctx.base}/skills`, 'assets.skills.removed');
  });
}
