import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RuleError, SignInRequiredError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { ROLES } from '../../../policy/index.js';
import { sessionCookieName } from '../../../web/app.js';
import { csrfTokenFor } from '../../../web/csrf.js';
import { submissionKey } from '../../../web/forms.js';
import { sendProblem } from '../../../web/problem.js';
import { signIn, signUp } from '../accounts.js';
import { limitSignInByAddress } from './auth.js';
import { exportPersonalData } from '../personal-data.js';
import { SignInInput, SignUpInput } from '../inputs.js';
import { endSession } from '../sessions.js';

const PersonOut = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  language: z.enum(['en', 'cy']),
  roles: z.array(z.object({ placeId: z.string(), role: z.enum(ROLES) })),
});

export function apiRoutes(app: FastifyInstance, kith: Kith) {
  const limited = { rateLimit: { max: kith.config.rateLimitPerMinute, timeWindow: '1 minute' } };
  const cookie = sessionCookieName(kith);

  app.api.define(app, {
    method: 'POST',
    url: '/api/v1/accounts',
    tag: 'Accounts',
    summary: 'Create an account',
    description:
      'Creates a resident account in a place (by its slug) and emails the address. If the address already has an account, nothing is created and its owner is emailed instead; the answer is the same either way, so it says nothing about who has an account. Send an Idempotency-Key header (at most 100 characters) to make a retry safe; a longer key is refused with 400.',
    body: SignUpInput,
    config: limited,
    errors: [422, 429],
    response: {
      status: 202,
      description: 'Accepted: the address has been emailed (the same answer whether or not it already had an account)',
      schema: z.object({ email: z.string() }),
    },
    handler: async ({ body }, request, reply) => {
      try {
        return await signUp(kith, body, request.lang, { owner: 'api', key: submissionKey(request) });
      } catch (error) {
        if (error instanceof RuleError) {
          return sendProblem(reply, {
            type: '/api/problems/validation',
            title: request.t('problem.validation.title'),
            status: 422,
            errors: [{ field: error.field ?? 'form', detail: request.t(error.key, error.params) }],
          });
        }
        throw error;
      }
    },
  });

  app.api.define(app, {
    method: 'POST',
    url: '/api/v1/sessions',
    tag: 'Accounts',
    summary: 'Sign in',
    description:
      'Checks the email and password and sets the session cookie. The response carries the CSRF token to send as X-CSRF-Token with later changes.',
    body: SignInInput,
    errors: [401, 429],
    response: {
      status: 201,
      description: 'Signed in',
      schema: z.object({ person: z.object({ id: z.string(), name: z.string() }), csrfToken: z.string() }),
    },
    handler: async ({ body }, request, reply) => {
      await limitSignInByAddress(kith, request, reply);
      const result = await signIn(kith, body.email, body.password);
      if (!result.ok && result.waitSeconds > 0) {
        reply.header('retry-after', String(result.waitSeconds));
        return sendProblem(reply, {
          type: 'about:blank',
          title: request.t('error.status.429'),
          status: 429,
          detail: request.t('people.signIn.throttled', { count: Math.ceil(result.waitSeconds / 60) }),
        });
      }
      if (!result.ok)
        return sendProblem(reply, { type: 'about:blank', title: request.t('people.signIn.wrong'), status: 401 });
      reply.setCookie(cookie, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: kith.config.https,
        maxAge: 30 * 24 * 3600,
      });
      return {
        person: { id: result.person.id, name: result.person.name },
        csrfToken: csrfTokenFor(kith.secret, result.token),
      };
    },
  });

  app.api.define(app, {
    method: 'DELETE',
    url: '/api/v1/sessions/current',
    tag: 'Accounts',
    summary: 'Sign out',
    auth: 'session',
    response: { status: 204, description: 'Signed out', schema: z.null() },
    handler: async (_input, request, reply) => {
      if (!request.person) throw new SignInRequiredError();
      await endSession(kith.db, request.sessionToken!);
      reply.clearCookie(cookie, { path: '/' });
      return reply.code(204).send();
    },
  });

  app.api.define(app, {
    method: 'GET',
    url: '/api/v1/me',
    tag: 'Accounts',
    summary: 'The signed-in person',
    auth: 'session',
    response: { status: 200, description: 'The signed-in person and their roles in each place', schema: PersonOut },
    handler: async (_input, request) => {
      kith.policy.authorize(request.actor, 'account.view');
      const person = request.person!;
      return {
        id: person.id,
        name: person.name,
        email: person.email,
        language: person.language,
        roles: request.actor.roles,
      };
    },
  });

  app.api.define(app, {
    method: 'GET',
    url: '/api/v1/me/data',
    tag: 'Accounts',
    summary: 'Download everything Kith holds about the signed-in person',
    auth: 'session',
    response: {
      status: 200,
      description: 'One JSON document, a section per part of Kith',
      schema: z.record(z.string(), z.unknown()),
    },
    handler: async (_input, request) => {
      kith.policy.authorize(request.actor, 'account.view');
      return exportPersonalData(kith, request.person!.id);
    },
  });
}
