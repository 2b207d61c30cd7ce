import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { freshForm, submitForm, type FormState } from '../../../web/forms.js';
import { actorId, placeContext, viewInPlace, type PlaceContext } from '../../../web/place.js';
import { addTerm, changeTerm, ensureLibrary } from '../library.js';
import { sortedTerms, termIn } from '../present.js';
import { TermInput } from '../inputs.js';
import { findTerm, termsOf, type Term } from '../store.js';

export function glossaryRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function context(request: FastifyRequest, action = 'library.read'): Promise<PlaceContext> {
    const ctx = await placeContext(kith, request, { section: 'library', action });
    await ensureLibrary(kith, ctx.place.id);
    return ctx;
  }

  async function termFrom(request: FastifyRequest, ctx: PlaceContext): Promise<Term> {
    const term = await findTerm(db(), ctx.place.id, (request.params as { term: string }).term);
    if (!term) throw new NotFoundError();
    return term;
  }

  app.get('/places/:place/library/glossary', async (request, reply) => {
    const ctx = await context(request);
    const terms = await termsOf(db(), ctx.place.id);
    const names = new Map(terms.map((t) => [t.key, termIn(request.lang, t).term]));
    const sorted = sortedTerms(request.lang, terms).map((t) => ({
      ...t,
      related: (terms.find((x) => x.key === t.key)?.related ?? [])
        .filter((k) => names.has(k))
        .map((k) => ({ key: k, term: names.get(k) })),
    }));
    return viewInPlace(reply, ctx, 'library/glossary.njk', {
      pageTitle: request.t('library.glossary.title'),
      terms: sorted,
      canEdit: kith.policy.can(request.actor, 'library.moderate', ctx.place),
    });
  });

  function showForm(request: FastifyRequest, reply: FastifyReply, ctx: PlaceContext, form: FormState, term?: Term) {
    return viewInPlace(
      reply,
      ctx,
      'library/term-form.njk',
      {
        pageTitle: term
          ? request.t('library.term.editTitle', { term: termIn(request.lang, term).term })
          : request.t('library.term.newTitle'),
        term,
        values: form.values,
        errors: form.errors,
      },
      form.status,
    );
  }

  app.get('/places/:place/library/glossary/new', async (request, reply) => {
    const ctx = await context(request, 'library.moderate');
    return showForm(request, reply, ctx, freshForm());
  });

  app.post('/places/:place/library/glossary/new', async (request, reply) => {
    const ctx = await context(request, 'library.moderate');
    return submitForm(request, {
      schema: TermInput,
      show: (form) => showForm(request, reply, ctx, form),
      run: (fields, submission) =>
        addTerm(kith, { placeId: ctx.place.id, actorId: actorId(request), fields, submission }),
      done: (key) => reply.seeOther(`${ctx.base}/glossary/${key}`, 'library.term.added'),
    });
  });

  app.get('/places/:place/library/glossary/:term', async (request, reply) => {
    const ctx = await context(request);
    const term = await termFrom(request, ctx);
    const all = await termsOf(db(), ctx.place.id);
    const names = new Map(all.map((t) => [t.key, termIn(request.lang, t).term]));
    return viewInPlace(reply, ctx, 'library/term.njk', {
      pageTitle: termIn(request.lang, term).term,
      term: termIn(request.lang, term),
      related: term.related.filter((k) => names.has(k)).map((k) => ({ key: k, term: names.get(k) })),
      canEdit: kith.policy.can(request.actor, 'library.moderate', ctx.place),
    });
  });

  app.get('/places/:place/library/glossary/:term/edit', async (request, reply) => {
    const ctx = await context(request, 'library.moderate');
    const term = await termFrom(request, ctx);
    return showForm(request, reply, ctx, freshForm({ ...term, related: term.related.join(', ') }), term);
  });

  app.post('/places/:place/library/glossary/:term/edit', async (request, reply) => {
    const ctx = await context(request, 'library.moderate');
    const term = await termFrom(request, ctx);
    return submitForm(request, {
      schema: TermInput.omit({ key: true }),
      show: (form) => showForm(request, reply, ctx, form, term),
      run: (fields) =>
        changeTerm(kith, {
          placeId: ctx.place.id,
          actorId: actorId(request),
          key: term.key,
          fields: { ...fields, related: fields.related.replace(/\s+/g, '') },
        }),
      done: () => reply.seeOther(`${ctx.base}/glossary/${term.key}`, 'library.term.changed'),
    });
  });
}
