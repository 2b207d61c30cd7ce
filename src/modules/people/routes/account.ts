import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { sessionCookieName } from '../../../web/app.js';
import { freshForm, ruleFieldErrors, submitForm, type FieldErrors, type FormState } from '../../../web/forms.js';
import { findPlaceBySlug, listPlaces, placeName } from '../../places/index.js';
import { changePassword, resendEmailConfirmation, updateProfile } from '../accounts.js';
import { erasePerson, erasureBlockers, exportPersonalData } from '../personal-data.js';
import { joinPlace } from '../roles.js';
import { ChangePasswordInput, EraseInput, ProfileInput } from '../inputs.js';
import type { SignedInPerson } from '../sessions.js';
import { rolesOf } from '../store.js';

/** The signed-in person, once the policy has let them through. */
function me(request: FastifyRequest): SignedInPerson {
  return request.person!;
}

export function accountRoutes(app: FastifyInstance, kith: Kith) {
  const { policy } = kith;
  const limited = { config: { rateLimit: { max: kith.config.rateLimitPerMinute, timeWindow: '1 minute' } } };

  async function showAccount(request: FastifyRequest, reply: FastifyReply, errors?: FieldErrors, status = 200) {
    const [places, held] = await Promise.all([listPlaces(kith.db.kysely), rolesOf(kith.db.kysely, me(request).id)]);
    // The roles held, from the store: until the address is confirmed they do not count
    // (the actor has none), but the person should still see where they belong.
    const memberships = places
      .map((place) => ({
        place,
        name: placeName(place, request.lang),
        roles: held.filter((r) => r.placeId === place.id).map((r) => request.t(`roles.${r.role}`)),
      }))
      .filter((m) => m.roles.length);
    const asked = places
      .filter((p) => me(request).askedToJoin.includes(p.id))
      .map((p) => ({ slug: p.slug, name: placeName(p, request.lang) }));
    const joinable = places
      .filter((p) => !memberships.some((m) => m.place.id === p.id) && !me(request).askedToJoin.includes(p.id))
      .map((p) => ({ slug: p.slug, name: placeName(p, request.lang) }));
    return reply.view(
      'people/account.njk',
      {
        pageTitle: request.t('people.account.title'),
        me: me(request),
        memberships,
        asked,
        joinable,
        errors,
        fieldIds: { confirmEmail: 'confirm-email' },
      },
      status,
    );
  }

  app.get('/account', async (request, reply) => {
    policy.authorize(request.actor, 'account.view');
    return showAccount(request, reply);
  });

  app.post('/account/confirm-email', limited, async (request, reply) => {
    policy.authorize(request.actor, 'account.view');
    try {
      await resendEmailConfirmation(kith, me(request).id);
    } catch (error) {
      const errors = ruleFieldErrors(error);
      if (errors) return showAccount(request, reply, errors, 429);
      throw error;
    }
    return reply.seeOther('/account', 'people.confirm.sentAgain');
  });

  function showEdit(request: FastifyRequest, reply: FastifyReply, form: FormState) {
    const { values, errors, status } = form;
    return reply.view(
      'people/account-edit.njk',
      { pageTitle: request.t('people.account.edit.title'), values, errors },
      status,
    );
  }

  app.get('/account/edit', async (request, reply) => {
    policy.authorize(request.actor, 'account.view');
    return showEdit(request, reply, freshForm({ name: me(request).name, language: me(request).language }));
  });

  app.post('/account/edit', async (request, reply) => {
    policy.authorize(request.actor, 'account.view');
    return submitForm(request, {
      schema: ProfileInput,
      show: (form) => showEdit(request, reply, form),
      run: async (input) => {
        await updateProfile(kith, me(request).id, input);
        return input.language;
      },
      done: (language) => {
        // The language chosen for the account is also the language of the pages from now on.
        reply.setCookie('kith_lang', language, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: kith.config.https,
          maxAge: 365 * 24 * 3600,
        });
        return reply.seeOther('/account', 'people.account.edit.done');
      },
    });
  });

  function showPassword(request: FastifyRequest, reply: FastifyReply, form: FormState) {
    return reply.view(
      'people/account-password.njk',
      { pageTitle: request.t('people.password.title'), errors: form.errors },
      form.status,
    );
  }

  app.get('/account/password', async (request, reply) => {
    policy.authorize(request.actor, 'account.view');
    return showPassword(request, reply, freshForm());
  });

  app.post(
    '/account/password',
    { config: { rateLimit: { max: kith.config.rateLimitPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      policy.authorize(request.actor, 'account.view');
      return submitForm(request, {
        schema: ChangePasswordInput,
        show: (form) => showPassword(request, reply, form),
        run: (input) =>
          changePassword(kith, { personId: me(request).id, sessionToken: request.sessionToken!, ...input }),
        done: () => reply.seeOther('/account', 'people.password.done'),
      });
    },
  );

  app.get('/account/data', async (request, reply) => {
    policy.authorize(request.actor, 'account.view');
    const document = await exportPersonalData(kith, me(request).id);
    const date = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-disposition', `attachment; filename="kith-my-data-${date}.json"`)
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(document, null, 2));
  });

  async function showDelete(request: FastifyRequest, reply: FastifyReply, { errors, status }: FormState) {
    const blockers = await erasureBlockers(kith, me(request).id);
    return reply.view(
      'people/account-delete.njk',
      {
        pageTitle: request.t('people.erase.title'),
        blockers: blockers.map((b) => request.t(b.key, b.params)),
        errors,
        fieldIds: { confirm: 'confirm' },
      },
      status,
    );
  }

  app.get('/account/delete', async (request, reply) => {
    policy.authorize(request.actor, 'account.view');
    return showDelete(request, reply, freshForm());
  });

  app.post(
    '/account/delete',
    { config: { rateLimit: { max: kith.config.rateLimitPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      policy.authorize(request.actor, 'account.view');
      return submitForm(request, {
        schema: EraseInput,
        show: (form) => showDelete(request, reply, form),
        run: (input) => erasePerson(kith, me(request).id, input.password),
        done: () => {
          reply.clearCookie(sessionCookieName(kith), { path: '/' });
          return reply.seeOther('/account/deleted');
        },
      });
    },
  );

  app.get('/account/deleted', async (request, reply) =>
    reply.view('people/account-deleted.njk', { pageTitle: request.t('people.erase.done.title') }),
  );

  app.post('/places/:place/join', async (request, reply) => {
    const place = await findPlaceBySlug(kith.db.kysely, (request.params as { place: string }).place);
    if (!place) throw new NotFoundError();
    policy.authorize(request.actor, 'place.join', place);
    const joined = await joinPlace(kith, { personId: me(request).id, placeId: place.id });
    return reply.seeOther(`/places/${place.slug}`, joined === 'asked' ? 'people.join.asked' : 'people.join.done');
  });
}
