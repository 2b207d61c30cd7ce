/**
 * Kith's own pages, rendered with the ports and with GOV.UK's templates, are the same
 * byte for byte (but for what changes at every rendering anyway): the pages a visitor
 * and a few demo people reach by following links, and forms sent back with errors.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Agent, startTestKith, type TestKith } from '../../testing.js';
import { buildAssets } from '../assets.js';
import { buildWebApp } from '../app.js';

const PAGES_PER_PERSON = 80;

let t: TestKith;
let plain: FastifyInstance;
before(async () => {
  t = await startTestKith({ demo: true });
  plain = await buildWebApp(t.kith, { manifest: await buildAssets(), govukPorts: false });
  await plain.ready();
});
after(async () => {
  await plain.close();
  await t.close();
});

interface PageRequest {
  method: 'GET' | 'POST';
  url: string;
  cookie: string;
  payload?: string;
}

function send(app: FastifyInstance, request: PageRequest) {
  const headers = {
    cookie: request.cookie,
    ...(request.payload ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
  };
  return app.inject({ method: request.method, url: request.url, headers, payload: request.payload });
}

// Every form carries a fresh idempotency key.
const settled = (html: string) => html.replace(/name="_idem" value="[^"]*"/g, 'name="_idem" value=""');
const withoutNumbers = (html: string) => settled(html).replace(/\d+/g, '0');

/**
 * The page with the ports and with GOV.UK's templates, compared if it is a page (not
 * a download), and returned as rendered with the ports. Some pages number things as
 * they render (ids for a chart's title, say), so that no two renderings are the same:
 * those are compared but for their numbers.
 */
async function bothWays(request: PageRequest) {
  const ported = await send(t.app, request);
  if (!String(ported.headers['content-type']).startsWith('text/html')) return undefined;
  const original = await send(plain, request);
  if (settled(ported.body) !== settled(original.body)) {
    const again = await send(plain, request);
    const repeatable = settled(again.body) === settled(original.body);
    const [mine, theirs] = repeatable
      ? [settled(ported.body), settled(original.body)]
      : [withoutNumbers(ported.body), withoutNumbers(original.body)];
    assert.equal(mine, theirs, request.url);
  }
  return ported;
}

/** Every page reachable from the home page by links, up to a limit, as a person with these cookies. */
async function crawl(cookie: string): Promise<string[]> {
  const seen = new Set(['/']);
  const queue = ['/'];
  const compared: string[] = [];
  while (queue.length && compared.length < PAGES_PER_PERSON) {
    const url = queue.shift()!;
    const ported = await bothWays({ method: 'GET', url, cookie });
    if (!ported) continue;
    compared.push(url);
    for (const [, href] of ported.body.matchAll(/href="(\/[^"#]*)"/g)) {
      const link = href!.replaceAll('&amp;', '&');
      if (seen.has(link) || /^\/(assets|api|dev)\/|[?&]lang=|\.(csv|json|geojson|pdf)\b|\/export/.test(link)) continue;
      seen.add(link);
      queue.push(link);
    }
  }
  return compared;
}

async function cookieOf(person?: string): Promise<string> {
  const agent = new Agent(t);
  if (person) await agent.signIn(t.demo.people[person]!.email, t.demo.password);
  else await agent.get('/sign-in');
  return [...agent.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

test('the same pages for a visitor and for demo people', async (context) => {
  for (const person of [undefined, 'admin', 'organiser']) {
    const pages = await crawl(await cookieOf(person));
    assert.ok(pages.length > 10, `only ${pages.length} pages reached as ${person ?? 'a visitor'}`);
    context.diagnostic(`${pages.length} pages as ${person ?? 'a visitor'}`);
  }
});

test('the same forms when sent back with errors', async () => {
  const cookie = await cookieOf();
  const csrf = new Agent(t);
  for (const [name, value] of cookie.split('; ').map((pair) => pair.split('='))) csrf.cookies.set(name!, value!);
  for (const url of ['/sign-in', '/sign-up', '/password-reset']) {
    const payload = new URLSearchParams({ _csrf: csrf.csrfToken()!, _idem: 'x', email: 'not an email' }).toString();
    const ported = await bothWays({ method: 'POST', url, cookie, payload });
    assert.match(ported?.body ?? '', /govuk-error-summary/, url);
  }
});
