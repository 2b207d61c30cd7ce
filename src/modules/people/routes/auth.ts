import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KithError, RuleError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { freshForm, ruleFieldErrors, submitForm, type FieldErrors, type FormState } from '../../../web/forms.js';
import { safeReturnPath, sessionCookieName } from '../../../web/app.js';
import { placeName, findPlaceById, listPlaces } from '../../places/index.js';
import {
  confirmEmailAddress,
  confirmLinkState,
  requestPasswordReset,
  resetLinkState,
  resetPassword,
  signIn,
  signUp,
} from '../accounts.js';
import { NewPasswordInput, PasswordResetRequestInput, SignInInput, SignUpInput } from '../inputs.js';
import { endSession, hashToken } from '../sessions.js';
import { rolesOf } from '../store.js';

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;
const addressLimiters = new WeakMap<Kith, Limiter>();

/**
 * The per-address limit on sign-in: one count for the page and the API together, sized
 * for many people behind one address (a library's computers), since the guard against
 * guessing one account's password is the per-account delay in signIn. Throws 429 once
 * the address has used its attempts for the minute.
 */
export async function limitSignInByAddress(kith: Kith, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  let limiter = addressLimiters.get(kith);
  if (!limiter) {
    limiter = request.server.createRateLimit({ max: kith.config.signInPerAddressPerMinute, timeWindow: 60_000 });
    addressLimiters.set(kith, limiter);
  }
  const result = await limiter(request);
  if (!result.isAllowed && result.isExceeded) {
    reply.header('retry-after', String(result.ttlInSeconds));
    throw new KithError(429, 'error.tooManyRequests.body', { seconds: String(result.ttlInSeconds) });
  }
}

export function authRoutes(app: FastifyInstance, kith: Kith) {
  const limited = { config: { rateLimit: { max: kith.config.rateLimitPerMinute, timeWindow: '1 minute' } } };
  const cookie = sessionCookieName(kith);
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: kith.config.https,
    maxAge: 30 * 24 * 3600,
  };

  async function showSignUp(request: FastifyRequest, reply: FastifyReply, form?: FormState) {
    const places = await listPlaces(kith.db.kysely);
    const { values, errors, status } = form ?? freshForm({ place: places.length === 1 ? places[0]!.slug : undefined });
    return reply.view(
      'people/sign-up.njk',
      {
        pageTitle: request.t('people.signUp.title'),
        places: places.map((p) => ({ value: p.slug, text: placeName(p, request.lang) })),
        values,
        errors,
      },
      status,
    );
  }

  app.get('/sign-up', async (request, reply) => {
    if (request.person) return reply.redirect('/account', 303);
    return showSignUp(request, reply);
  });

  app.post('/sign-up', limited, async (request, reply) => {
    // Nobody is signed in yet: the browser's session stands for the person, so one
    // person's double click counts once without matching a stranger's key.
    const owner = request.sessionToken ? hashToken(request.sessionToken) : 'anonymous';
    return submitForm(request, {
      schema: SignUpInput,
      show: (form) => showSignUp(request, reply, form),
      // The same answer whether or not the address already had an account (see signUp).
      run: (input, submission) => signUp(kith, input, request.lang, { ...submission, owner }),
      // Never the address in the URL: it would stay in the browser's history and the logs.
      done: () => reply.seeOther('/sign-in', 'people.signUp.done'),
    });
  });

  function showSignIn(request: FastifyRequest, reply: FastifyReply, form: FormState) {
    const { values, errors, status } = form;
    return reply.view('people/sign-in.njk', { pageTitle: request.t('people.signIn.title'), values, errors }, status);
  }

  app.get('/sign-in', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const back = safeReturnPath(query.return);
    if (request.person) return reply.redirect(back ?? '/account', 303);
    return showSignIn(
      request,
      reply,
      freshForm({ email: typeof query.email === 'string' ? query.email.slice(0, 254) : '', return: back }),
    );
  });

  app.post('/sign-in', async (request, reply) => {
    await limitSignInByAddress(kith, request, reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const back = safeReturnPath(body.return);
    // A refused sign-in is not a rule's 422: it answers 429 (wait) or 401 (wrong), so
    // `done` shows the page again with the status that says which.
    const refused = (email: string, errors: FieldErrors, status: number) =>
      showSignIn(request, reply, { values: { email, return: back }, errors, status });
    return submitForm(request, {
      schema: SignInInput,
      show: (form) => showSignIn(request, reply, { ...form, values: { ...form.values, return: back } }),
      run: (input) => signIn(kith, input.email, input.password).then((result) => ({ email: input.email, result })),
      done: async ({ email, result }) => {
        if (!result.ok && result.waitSeconds > 0) {
          reply.header('retry-after', String(result.waitSeconds));
          const minutes = Math.ceil(result.waitSeconds / 60);
          return refused(email, { email: { key: 'people.signIn.throttled', params: { count: minutes } } }, 429);
        }
        if (!result.ok) {
          const wrong = { email: { key: 'people.signIn.wrong' }, password: { key: 'people.signIn.wrongPassword' } };
          return refused(email, wrong, 401);
        }
        // A new token on every sign-in: a token someone planted before sign-in is worthless after.
        reply.setCookie(cookie, result.token, cookieOptions);
        let destination = back;
        if (!destination) {
          const first = (await rolesOf(kith.db.kysely, result.person.id))[0];
          const place = first && (await findPlaceById(kith.db.kysely, first.placeId));
          destination = place ? `/places/${place.slug}` : '/account';
        }
        return reply.seeOther(destination, 'people.signIn.done');
      },
    });
  });

  app.post('/sign-out', async (request, reply) => {
    if (request.sessionToken) await endSession(kith.db, request.sessionToken);
    reply.clearCookie(cookie, { path: '/' });
    return reply.seeOther('/', 'people.signOut.done');
  });

  // Forgotten password

  function showResetRequest(request: FastifyRequest, reply: FastifyReply, form: FormState) {
    const { values, errors, status } = form;
    const pageTitle = request.t('people.reset.request.title');
    return reply.view('people/reset-request.njk', { pageTitle, values, errors }, status);
  }

  app.get('/password-reset', async (request, reply) => showResetRequest(request, reply, freshForm()));

  app.post('/password-reset', limited, async (request, reply) =>
    submitForm(request, {
      schema: PasswordResetRequestInput,
      show: (form) => showResetRequest(request, reply, form),
      run: (input) => requestPasswordReset(kith, input.email, request.lang),
      done: () => reply.seeOther('/password-reset/sent'),
    }),
  );

  app.get('/password-reset/sent', async (request, reply) =>
    reply.view('people/reset-sent.njk', { pageTitle: request.t('people.reset.sent.title') }),
  );

  app.get('/password-reset/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const state = token.length > 100 ? 'unknown' : await resetLinkState(kith, token);
    if (state !== 'valid') {
      return reply.view(
        'people/reset-invalid.njk',
        { pageTitle: request.t('people.reset.invalid.title'), reason: request.t(`people.reset.invalid.${state}`) },
        410,
      );
    }
    return reply.view('people/reset-choose.njk', { pageTitle: request.t('people.reset.choose.title'), token });
  });

  app.post('/password-reset/:token', limited, async (request, reply) => {
    const { token } = request.params as { token: string };
    return submitForm(request, {
      schema: NewPasswordInput,
      show: ({ errors, status }) =>
        reply.view(
          'people/reset-choose.njk',
          { pageTitle: request.t('people.reset.choose.title'), token, errors },
          status,
        ),
      // A link used or expired meanwhile is not a problem with the password typed: it
      // gets the page that says so (410), not a message beside the field.
      run: (input) =>
        resetPassword(kith, token, input.password).then(
          () => true,
          (error: unknown) => {
            if (ruleFieldErrors(error)) return false;
            throw error;
          },
        ),
      done: (reset) =>
        reset
          ? // The address stays out of the URL (history, logs): the person types it again.
            reply.seeOther('/sign-in', 'people.reset.done')
          : reply.view(
              'people/reset-invalid.njk',
              { pageTitle: request.t('people.reset.invalid.title'), reason: request.t('people.reset.invalid.used') },
              410,
            ),
    });
  });

  // Confirming an email address: opening the link shows a button, pressing it confirms
  // (a GET changes nothing, so a mail scanner opening links confirms nobody).

  app.get('/confirm-email/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const state = token.length > 100 ? 'unknown' : await confirmLinkState(kith, token);
    return reply.view(
      'people/confirm-email.njk',
      {
        pageTitle: request.t(state === 'valid' ? 'people.confirm.page.title' : 'people.confirm.invalid.title'),
        state,
        token,
      },
      state === 'valid' ? 200 : 410,
    );
  });

  app.post('/confirm-email/:token', limited, async (request, reply) => {
    const { token } = request.params as { token: string };
    try {
      if (token.length > 100) throw new RuleError('people.confirm.linkInvalid');
      const person = await confirmEmailAddress(kith, token);
      const signedInAsThem = request.person?.id === person.id;
      return reply.seeOther(signedInAsThem ? '/account' : '/sign-in', 'people.confirm.done');
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      const state = await confirmLinkState(kith, token);
      return reply.view(
        'people/confirm-email.njk',
        { pageTitle: request.t('people.confirm.invalid.title'), state: state === 'valid' ? 'used' : state },
        410,
      );
    }
  });
}
