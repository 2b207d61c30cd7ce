/**
 * Test helpers: a real Kith on a real database. Each test file gets a fresh database:
 * an in-memory SQLite, or a schema of its own on the test PostgreSQL server, chosen by
 * KITH_TEST_DB (the test runner runs the whole suite once for each).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from './config.js';
import { loadDemo } from './demo.js';
import type { Logger } from 'pino';
import { createLogger } from './log.js';
import { createKith, type Kith } from './kith.js';
import type { DemoState, KithModule } from './modules/module.js';
import { JobWorker } from './platform/jobs/index.js';
import { hashPassword, insertPerson, insertRole } from './modules/people/index.js';
import type { Role } from './policy/index.js';
import { buildAssets } from './web/assets.js';
import { buildWebApp, sessionCookieName } from './web/app.js';
import { csrfTokenFor } from './web/csrf.js';

// Cheap password hashing for the many sign-ins tests make (see people/passwords.ts).
process.env.KITH_TEST_FAST_PASSWORDS ??= '1';

export const TEST_DIALECT: 'sqlite' | 'postgres' = process.env.KITH_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestKith {
  kith: Kith;
  app: FastifyInstance;
  worker: JobWorker;
  config: Config;
  /** The demo places and people, when asked for. */
  demo: DemoState;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000',
    SIGN_IN_PER_ADDRESS_PER_MINUTE: '100000',
    PORT: '0',
  });
  return { ...base, ...overrides };
}

/** A fresh, migrated database target for one test file. */
export async function freshDatabase(): Promise<{ target: Config['database']; drop(): Promise<void> }> {
  if (TEST_DIALECT === 'sqlite') return { target: { kind: 'sqlite', file: ':memory:' }, drop: async () => {} };
  const schema = `kith_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  return {
    target: { kind: 'postgres', url: TEST_DATABASE_URL, schema },
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

export async function startTestKith(
  options: {
    demo?: boolean;
    /** With the demo, Calderbrook's thirty residents (see Config.demoResidents). */
    demoResidents?: boolean;
    config?: Partial<Config>;
    modules?: readonly KithModule[];
    /** Where the log goes (a test that reads what an operator would see); warnings on stdout otherwise. */
    log?: Logger;
  } = {},
): Promise<TestKith> {
  const database = await freshDatabase();
  const config = testConfig({ ...options.config, database: database.target });
  const kith = await createKith(config, { log: options.log ?? createLogger('warn'), modules: options.modules });
  const demo = options.demo
    ? await loadDemo(kith, { residents: options.demoResidents })
    : { places: {}, people: {}, password: '' };
  const app = await buildWebApp(kith, { manifest: await buildAssets() });
  await app.ready();
  const worker = new JobWorker(kith);
  return {
    kith,
    app,
    worker,
    config,
    demo,
    async close() {
      await app.close();
      await kith.close();
      await database.drop();
    },
  };
}

/**
 * A browser-like client over app.inject: keeps cookies, and signs its form posts
 * with the CSRF token and a fresh idempotency key as Kith's own pages do.
 */
export class Agent {
  readonly cookies = new Map<string, string>();

  constructor(private readonly t: TestKith) {}

  get sessionToken(): string | undefined {
    return this.cookies.get(sessionCookieName(this.t.kith));
  }

  #remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired =
        cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() <= Date.now()) || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  #cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.#remember(
      await this.t.app.inject({ method: 'GET', url, headers: { cookie: this.#cookieHeader(), ...headers } }),
    );
  }

  csrfToken(): string | undefined {
    const token = this.sessionToken;
    return token ? csrfTokenFor(this.t.kith.secret, token) : undefined;
  }

  /** Posts a form as a browser would after loading a page of Kith's (which sets the cookie). */
  async post(
    url: string,
    fields: Record<string, string | string[]> = {},
    options: { csrf?: boolean; idempotencyKey?: string } = {},
  ) {
    if (!this.sessionToken) await this.get('/sign-in');
    const body = new URLSearchParams();
    if (options.csrf !== false) body.append('_csrf', this.csrfToken() ?? '');
    body.append('_idem', options.idempotencyKey ?? randomBytes(8).toString('hex'));
    for (const [name, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    }
    return this.#remember(
      await this.t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.#cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      }),
    );
  }

  async json(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    return this.#remember(
      await this.t.app.inject({
        method,
        url,
        headers: {
          cookie: this.#cookieHeader(),
          // A client that signed in sends the CSRF token it was given with every change.
          ...(method !== 'GET' && this.csrfToken() ? { 'x-csrf-token': this.csrfToken()! } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      }),
    );
  }

  async signIn(email: string, password: string) {
    const response = await this.post('/sign-in', { email, password });
    if (response.statusCode !== 303) throw new Error(`Sign-in as ${email} failed: ${response.statusCode}`);
    return response;
  }
}

/** A session signed in as one of the demo's people (by their key in the demo: 'resident', 'coordinator'...). */
export async function signedInAs(t: TestKith, key: string): Promise<Agent> {
  const agent = new Agent(t);
  await agent.signIn(t.demo.people[key]!.email, t.demo.password);
  return agent;
}

/** Someone new holding one role in a place, with a session signed in as them. */
export async function newMember(
  t: TestKith,
  placeId: string,
  name: string,
  role: Role = 'resident',
): Promise<{ id: string; agent: Agent }> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${randomBytes(3).toString('hex')}@test.example`;
  const person = await insertPerson(t.kith.db.kysely, {
    name,
    email,
    passwordHash: await hashPassword(t.demo.password),
    language: 'en',
    emailConfirmed: true,
  });
  await insertRole(t.kith.db.kysely, { placeId, personId: person.id, role, grantedBy: null });
  const agent = new Agent(t);
  await agent.signIn(email, t.demo.password);
  return { id: person.id, agent };
}

/**
 * The plan a database makes for a compiled query, as text: SQLite's `explain query
 * plan`, or PostgreSQL's `explain` with table scans discouraged, because the test
 * place's tables are small enough to scan and the plan wanted is the one the indexes
 * give at county size.
 */
export async function queryPlan(
  t: TestKith,
  compiled: { sql: string; parameters: readonly unknown[] },
): Promise<string> {
  const db = t.kith.db;
  if (db.dialect === 'sqlite') {
    const rows = db
      .sqlite!.prepare(`explain query plan ${compiled.sql}`)
      .all(...(compiled.parameters as unknown[])) as Array<{ detail: string }>;
    return rows.map((r) => r.detail).join('\n');
  }
  return db.transaction(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const literal = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
    const result = await sql
      .raw<{ 'QUERY PLAN': string }>(
        `explain ${compiled.sql.replace(/\$(\d+)/g, (_m, i: string) => literal(compiled.parameters[Number(i) - 1]))}`,
      )
      .execute(trx);
    return result.rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

/** The text a person reads on a page: tags stripped, entities decoded, spaces collapsed. */
export function pageText(html: string): string {
  return (
    html
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<style[\s\S]*?<\/style>/g, ' ')
      // Inline elements run into the words around them; everything else separates words.
      .replace(/<\/?(a|span|strong|em|b|i|code|abbr)(\s[^>]*)?>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;|&#x27;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** The messages beside fields on a rendered form, by field id. */
export function fieldErrors(html: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const match of html.matchAll(/<p id="([\w-]+)-error" class="govuk-error-message">([\s\S]*?)<\/p>/g)) {
    errors[match[1]!] = pageText(match[2]!).replace(/^(Error|Gwall):\s*/, '');
  }
  return errors;
}

/** The text of a PDF, page by page, as a reader (or a screen reader) would get it. */
export async function pdfText(pdf: Buffer | Uint8Array): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false })
    .promise;
  const pages: string[] = [];
  for (let i = 1; i <= document.numPages; i++) {
    const content = await (await document.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await document.destroy();
  return pages.join('\n').replace(/\s+/g, ' ').trim();
}

/** Every id used more than once in a page's HTML (a label or a link would find the wrong one). */
export function duplicateIds(html: string): string[] {
  const seen = new Map<string, number>();
  const markup = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  for (const match of markup.matchAll(/<[a-zA-Z][^>]*?\sid="([^"]*)"/g)) {
    seen.set(match[1]!, (seen.get(match[1]!) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}

/**
 * What is wrong with a page's error summary: each link must land on an element that
 * exists and whose field shows the same message beside it (`<id>-error`). An empty list
 * when every link leads somewhere; a page with errors and no summary is reported too.
 */
export function errorSummaryProblems(html: string): string[] {
  const summary =
    /<div class="govuk-error-summary"[\s\S]*?<ul class="govuk-list govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(
      html,
    );
  if (!summary) return ['no error summary'];
  const beside = fieldErrors(html);
  const problems: string[] = [];
  const links = [...summary[1]!.matchAll(/<li>\s*(?:<a href="#([^"]*)"[^>]*>([\s\S]*?)<\/a>|([\s\S]*?))\s*<\/li>/g)];
  if (!links.length) problems.push('an empty error summary');
  for (const [, target, linked, plain] of links) {
    if (target === undefined) {
      problems.push(`"${pageText(plain ?? '')}" links nowhere`);
      continue;
    }
    const text = pageText(linked ?? '');
    if (!new RegExp(`\\sid="${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).test(html))
      problems.push(`"${text}" links to #${target}, which is not on the page`);
    else if (!Object.entries(beside).some(([field, said]) => target.startsWith(field) && said === text))
      // A date's summary links to its day box; its message sits on the group (`date-error`).
      problems.push(`"${text}" links to #${target}, whose field says ${JSON.stringify(beside[target] ?? null)}`);
  }
  return problems;
}

/**
 * The learning library's case studies that closing something in a module made (their
 * source is the module: 'befriending', 'grants'...), oldest first: what a test of
 * "what would you do differently?" checks.
 */
export async function libraryDraftsFrom(t: TestKith, from: string) {
  return t.kith.db.kysely
    .selectFrom('library_cases')
    .select(['id', 'title', 'status', 'what_did_not as whatDidNot', 'tried', 'submitted_by as submittedBy'])
    .where('source', '=', from)
    .orderBy('created_at')
    .execute();
}

/** The emails queued for a person (each one's payload: subject and body alike), as the tests read them. */
export async function queuedEmailsTo(t: TestKith, personId: string): Promise<string[]> {
  const rows = await t.kith.db.kysely
    .selectFrom('jobs')
    .select('payload')
    .where('kind', '=', 'mail/send')
    .where('person_id', '=', personId)
    .execute();
  return rows.map((r) => r.payload);
}
