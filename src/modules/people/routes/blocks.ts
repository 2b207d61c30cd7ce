import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Kith } from '../../../kith.js';
import { freshForm, submitForm, type FormState } from '../../../web/forms.js';
import { blockPerson, unblockPerson } from '../blocks.js';
import { blocksOf } from '../store.js';

/** Who to block: a person's id, as the block button on a message sends it. */
const BlockInput = z.object({
  person: z
    .string({ error: 'people.block.error.person' })
    .trim()
    .min(1, 'people.block.error.person')
    .max(64, 'people.block.error.person'),
});
const UnblockInput = z.object({});

/** The people a person has blocked from messaging them: listed, unblocked, and blocked from a message. */
export function blockRoutes(app: FastifyInstance, kith: Kith) {
  const me = (request: FastifyRequest) => request.person!.id;

  async function showBlocked(request: FastifyRequest, reply: FastifyReply, form: FormState = freshForm()) {
    const blocks = await blocksOf(kith.db.kysely, me(request));
    return reply.view(
      'people/blocked.njk',
      {
        pageTitle: request.t('people.block.title'),
        blocks: blocks.map((b) => ({ ...b, name: b.name ?? request.t('people.block.someone') })),
        errors: form.errors,
      },
      form.status,
    );
  }

  app.get('/account/blocked', async (request, reply) => {
    kith.policy.authorize(request.actor, 'account.view');
    return showBlocked(request, reply);
  });

  app.post('/account/blocked', async (request, reply) => {
    kith.policy.authorize(request.actor, 'account.view');
    return submitForm(request, {
      schema: BlockInput,
      show: (form) => showBlocked(request, reply, form),
      run: (input) => blockPerson(kith, { personId: me(request), blockedId: input.person }),
      done: () => reply.seeOther('/account/blocked', 'people.block.flash.blocked'),
    });
  });

  app.post('/account/blocked/:person/unblock', async (request, reply) => {
    kith.policy.authorize(request.actor, 'account.view');
    const blockedId = (request.params as { person: string }).person;
    return submitForm(request, {
      schema: UnblockInput,
      show: (form) => showBlocked(request, reply, form),
      run: () => unblockPerson(kith, { personId: me(request), blockedId }),
      done: () => reply.seeOther('/account/blocked', 'people.block.flash.unblocked'),
    });
  });
}
