import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import helmet from 'helmet';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { ZodError } from 'zod';
import { mapTileSources } from '../config.js';
import { KithError } from '../errors.js';
import type { Kith } from '../kith.js';
import { newToken, resolveSession, type SignedInPerson } from '../modules/people/index.js';
import { ANONYMOUS, type Actor } from '../policy/index.js';
import { loadAssets, type AssetManifest } from './assets.js';
import { refuseControlCharacters } from './boundary.js';
import { csrfTokenFor, verifyCsrf } from './csrf.js';
import { presentErrors, type FieldErrors } from './forms.js';
import { isLang, langFromAcceptLanguage, type Lang, type Translate } from './i18n.js';
import { sendProblem } from './problem.js';
import { createViewEnvironment } from './render.js';
import { ApiRegistry } from './openapi.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    person: SignedInPerson | null;
    lang: Lang;
    t: Translate;
    /** The session cookie's token (random; signs nobody in until a sessions row matches). */
    sessionToken: string | null;
  }
  interface FastifyReply {
    /** Renders a page in the shared layout, in the request's language. */
    view(template: string, data?: Record<string, unknown>, status?: number): FastifyReply;
    /** After a successful POST: go to `url`, with a one-line confirmation to show there (a catalogue key, and its parameters such as a count). */
    /** Redirect (303) with a message for the next page; a numeric `count` chooses the plural form. */
    seeOther(url: string, flash?: string, params?: Record<string, string | number>): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Set false only for endpoints that change nothing a visitor's browser could be tricked into. */
    csrf?: boolean;
  }
  interface FastifyInstance {
    kith: Kith;
    api: ApiRegistry;
    /** Every route, as "METHOD /url", so a test can check each has its authorisation tests. */
    kithRoutes: string[];
  }
}

export const LANG_COOKIE = 'kith_lang';
/** Browser features no Kith page uses, turned off for every page and anything framed in one. */
const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'browsing-topics',
  'camera',
  'display-capture',
  'encrypted-media',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');
export const FLASH_COOKIE = 'kith_flash';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function sessionCookieName(kith: Kith): string {
  // The __Host- prefix pins the cookie to this host and to HTTPS.
  return kith.config.https ? '__Host-kith_session' : 'kith_session';
}

const SAME_ORIGIN = 'http://kith.invalid';

/**
 * A local path to send someone back to, or undefined if it points anywhere else. The
 * value is parsed as a browser would parse it (which drops tabs and line breaks and
 * reads a backslash as a slash), and only a path on this origin is kept, re-serialised
 * from the parsed parts so that what is sent in Location is exactly what was checked.
 */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return undefined;
  let url: URL;
  try {
    url = new URL(value, SAME_ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== SAME_ORIGIN || url.username || url.password) return undefined;
  const path = url.pathname + url.search + url.hash;
  // A path that itself starts with // would be read as another host when sent back.
  if (!path.startsWith('/') || path.startsWith('//')) return undefined;
  return path;
}

/** A value that templates print as text, worked out the first time it is printed. */
function lazyText(make: () => string): { toString(): string } {
  let text: string | undefined;
  return { toString: () => (text ??= make()) };
}

export function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** `govukPorts: false` renders with GOV.UK Frontend's own templates, to compare pages with Kith's ports. */
export async function buildWebApp(
  kith: Kith,
  options: { manifest: AssetManifest; govukPorts?: boolean },
): Promise<FastifyInstance> {
  const { config } = kith;
  const app = Fastify({
    loggerInstance: kith.log as FastifyBaseLogger,
    // Per-request log lines help an operator in production; in development they drown the console.
    logController: new LogController({ disableRequestLogging: config.env !== 'production' }),
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
  });
  app.decorate('kith', kith);
  app.decorate('api', new ApiRegistry());
  app.decorate('kithRoutes', [] as string[]);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') app.kithRoutes.push(`${method} ${route.url}`);
  });

  // A cross-site form can post text/plain; nothing here accepts it.
  app.removeContentTypeParser('text/plain');
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: 256 * 1024 });
  // Security headers, decided once: helmet's middleware is built here, not per request.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // The directory's map tiles, only when a tile server is configured.
        imgSrc: ["'self'", 'data:', ...mapTileSources(config)],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", ...mapTileSources(config)],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(config.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: config.https ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
  await app.register(fastifyRateLimit, {
    global: false,
    // An operator sees who is being held back, by route and address, never by account.
    onExceeded: (request) =>
      request.log.warn({ event: 'rate-limit.exceeded', route: request.routeOptions.url }, 'rate limit reached'),
    errorResponseBuilder: (_request, context) => {
      const error = new KithError(429, 'error.tooManyRequests.body', {
        seconds: String(Math.ceil(context.ttl / 1000)),
      });
      return Object.assign(error, { statusCode: 429 });
    },
  });

  const views = createViewEnvironment(kith.modules, {
    watch: config.env === 'development',
    govukPorts: options.govukPorts,
  });
  const assets = loadAssets(options.manifest);
  const assetPath = (name: string) => `/assets/${options.manifest[name] ?? name}`;
  const sessionCookie = sessionCookieName(kith);
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.https };

  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('person', null);
  app.decorateRequest('lang', 'en');
  app.decorateRequest('t', null as unknown as Translate);
  app.decorateRequest('sessionToken', null);

  app.get('/assets/:file', (request, reply) => {
    const asset = assets.get((request.params as { file: string }).file);
    if (!asset) return reply.code(404).type('text/plain').send('Not found');
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', asset.etag)
      .type(asset.contentType)
      .send(asset.body);
  });

  // Who is asking, and in which language.
  app.addHook('onRequest', async (request, reply) => {
    request.actor = ANONYMOUS;
    if (request.url.startsWith('/assets/')) return;
    const token = request.cookies[sessionCookie];
    if (token && token.length <= 64) {
      request.sessionToken = token;
      const session = await resolveSession(kith.db, token);
      if (session) {
        request.person = session.person;
        request.actor = session.actor;
      }
    }
    const cookieLang = request.cookies[LANG_COOKIE];
    request.lang = isLang(cookieLang)
      ? cookieLang
      : (request.person?.language ?? langFromAcceptLanguage(request.headers['accept-language']) ?? 'en');
    request.t = kith.catalogue.translator(request.lang);

    // The language links are plain links (they work without JavaScript): remember the
    // choice in this browser, then show the same page again without the parameter. A GET
    // never changes what is stored (a link on another site could follow it): the account's
    // language is saved only by posting the account form.
    const query = request.query as Record<string, unknown>;
    if (request.method === 'GET' && 'lang' in query && !request.url.startsWith('/api/')) {
      const chosen = query.lang;
      if (isLang(chosen)) reply.setCookie(LANG_COOKIE, chosen, { ...cookieOptions, maxAge: 365 * 24 * 3600 });
      const url = new URL(request.url, 'http://kith.invalid');
      url.searchParams.delete('lang');
      return reply.redirect(url.pathname + url.search, 303);
    }
  });

  // Control characters are refused once, here, for every path parameter, query and field.
  app.addHook('preValidation', refuseControlCharacters);

  // Every state-changing request from a browser carries a token only Kith's own pages
  // hold (signed double-submit: the token is an HMAC of the session cookie).
  app.addHook('preHandler', async (request) => {
    if (!UNSAFE_METHODS.has(request.method) || request.routeOptions.config.csrf === false) return;
    const isJson = (request.headers['content-type'] ?? '').startsWith('application/json');
    // JSON cannot be sent cross-site without a CORS preflight, which Kith never grants;
    // a signed-in JSON caller must still send the token, as a header.
    if (isJson && !request.person) return;
    const sent = isJson
      ? request.headers['x-csrf-token']
      : ((request.body as Record<string, unknown> | undefined)?._csrf ?? request.headers['x-csrf-token']);
    if (!request.sessionToken || typeof sent !== 'string' || !verifyCsrf(kith.secret, request.sessionToken, sent)) {
      request.log.warn(
        { event: 'csrf.refused', route: request.routeOptions.url, hadSession: Boolean(request.sessionToken) },
        'request refused: no valid CSRF token',
      );
      throw new KithError(403, 'error.csrf.body');
    }
  });

  function csrfToken(request: FastifyRequest, reply: FastifyReply): string {
    if (!request.sessionToken) {
      request.sessionToken = newToken();
      reply.setCookie(sessionCookie, request.sessionToken, cookieOptions);
    }
    return csrfTokenFor(kith.secret, request.sessionToken);
  }

  /** The flash message a redirect left: only a key the catalogue has (or a plural of one), with its values. */
  function flashText(request: FastifyRequest, key: string, query: string | undefined): string | undefined {
    if (!kith.catalogue.has(request.lang, key) && !kith.catalogue.has(request.lang, `${key}.other`)) return undefined;
    const params: Record<string, string | number> = Object.fromEntries(new URLSearchParams(query ?? ''));
    if (params.count !== undefined) params.count = Number(params.count);
    return request.t(key, params);
  }

  app.decorateReply(
    'view',
    function (this: FastifyReply, template: string, data: Record<string, unknown> = {}, status = 200) {
      const request = this.request;
      const flashCookie = request.cookies[FLASH_COOKIE];
      if (flashCookie) this.clearCookie(FLASH_COOKIE, { path: '/' });
      const [flash, flashQuery] = (flashCookie ?? '').split('?', 2) as [string, string | undefined];
      const errors = data.errors as FieldErrors | undefined;
      const url = new URL(request.url, 'http://kith.invalid');
      const context = {
        ...data,
        errors: presentErrors(request.t, errors, (data.fieldIds as Record<string, string>) ?? {}),
        lang: request.lang,
        t: request.t,
        person: request.person,
        actor: request.actor,
        // Made only when the page has a form that needs it, so a page without one sets no cookie.
        csrfToken: lazyText(() => csrfToken(request, this)),
        idempotencyKey: randomUUID(),
        flash: flash ? flashText(request, flash, flashQuery) : undefined,
        currentPath: url.pathname,
        currentUrl: url.pathname + url.search,
        languageHref: (lang: Lang) => {
          url.searchParams.set('lang', lang);
          return url.pathname + url.search;
        },
        asset: assetPath,
        navigation: kith.modules
          .flatMap((m) => m.navigation?.(request) ?? [])
          .sort((a, b) => a.order - b.order)
          .map((item) => ({
            text: request.t(item.key),
            href: item.href,
            current: url.pathname === item.href,
            active: item.href !== '/' && url.pathname.startsWith(`${item.href}/`),
          })),
        config: {
          env: config.env,
          // The footer's link to the development mailbox, for those allowed to read it.
          devMail:
            config.mail.transport === 'dev' &&
            config.env !== 'production' &&
            kith.policy.actions().includes('devMailbox.read') &&
            kith.policy.can(request.actor, 'devMailbox.read'),
          operator: config.operator,
        },
      };
      const html = views.render(template, context);
      return this.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    },
  );

  app.decorateReply(
    'seeOther',
    function (this: FastifyReply, url: string, flash?: string, params?: Record<string, string | number>) {
      const query = params && new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
      if (flash)
        this.setCookie(FLASH_COOKIE, query ? `${flash}?${query}` : flash, {
          ...cookieOptions,
          maxAge: 60,
        });
      return this.redirect(url, 303);
    },
  );

  app.setNotFoundHandler((request, reply) => {
    // Addresses under /assets/ skip the hook that chooses the language.
    if (!request.t) request.t = kith.catalogue.translator(request.lang ?? 'en');
    if (wantsJson(request)) {
      return sendProblem(reply, { type: 'about:blank', title: request.t('error.notFound.title'), status: 404 });
    }
    return reply.view(
      'error.njk',
      { title: request.t('error.notFound.title'), body: request.t('error.notFound.body') },
      404,
    );
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    // Requests that failed before the language hook ran still get a readable page.
    if (!request.t) request.t = kith.catalogue.translator('en');
    const t = request.t;
    // A schema's parse that threw is input that did not fit: a bad request, not a fault.
    let status =
      error instanceof KithError ? error.status : error instanceof ZodError ? 400 : (error.statusCode ?? 500);
    if (status < 400 || status > 599) status = 500;
    let key: string;
    let params: Record<string, string> = {};
    if (error instanceof KithError) {
      key = error.key;
      params = error.params;
    } else if (status === 413) key = 'error.tooLarge.body';
    else if (status === 415) key = 'error.unsupportedType.body';
    else if (status < 500) key = 'error.badRequest.body';
    else key = 'error.server.body';

    if (status === 401 && !wantsJson(request)) {
      const back = request.method === 'GET' ? request.url : '/';
      return reply.seeOther(`/sign-in?return=${encodeURIComponent(back)}`, 'error.signInRequired');
    }
    const reference = request.id.slice(0, 8);
    if (status >= 500) request.log.error({ err: error, reference }, 'request failed');
    const title =
      t(`error.status.${status}`) === `error.status.${status}` ? t('error.status.other') : t(`error.status.${status}`);
    const body = t(key, { ...params, reference });
    if (wantsJson(request)) {
      return sendProblem(reply, { type: 'about:blank', title, status, detail: body });
    }
    return reply.view('error.njk', { title, body, reference: status >= 500 ? reference : undefined }, status);
  });

  for (const module of kith.modules) {
    if (module.routes) await module.routes(app, kith);
  }
  return app;
}
