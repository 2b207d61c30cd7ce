import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting Kith reads, read once from the environment and validated, so a
 * mistyped variable stops the server at start-up with a clear message instead of
 * failing on the first request that needs it.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.url().optional(),
    DATA_DIR: z.string().min(1).default('data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL (leave it unset for SQLite)')
      .optional(),
    SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
    // Whose X-Forwarded-For to believe: false; true (any: only safe when the proxy
    // replaces the header rather than appending to it); or a comma-separated list of the
    // proxies' addresses or CIDR ranges (safe either way). Rate limits count the result.
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((v, ctx): boolean | string => {
        if (['false', '0', 'no', ''].includes(v)) return false;
        if (['true', '1', 'yes'].includes(v)) return true;
        if (/^[0-9a-fA-F.:/, ]+$/.test(v)) return v;
        ctx.addIssue({
          code: 'custom',
          message: 'TRUST_PROXY must be true, false, or the proxies’ addresses (comma-separated)',
        });
        return z.NEVER;
      }),
    // A PostgreSQL schema of Kith's own inside a shared database (default: the user's search_path).
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'DATABASE_SCHEMA must be a plain lower-case schema name')
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    OPERATOR_NAME: z.string().trim().min(1).optional(),
    OPERATOR_EMAIL: z.email().optional(),
    OPERATOR_PHONE: z.string().trim().min(1).max(40).optional(),
    OPERATOR_ADDRESS: z.string().trim().min(1).max(300).optional(),
    // The accessibility statement (Public Sector Bodies Accessibility Regulations 2018): who
    // enforces them where the operator is (EHRC in Great Britain, ECNI in Northern Ireland),
    // and when the statement was prepared and last reviewed (YYYY-MM-DD).
    ACCESSIBILITY_ENFORCEMENT: z.enum(['ehrc', 'ecni']).default('ehrc'),
    ACCESSIBILITY_PREPARED: z.iso.date().default('2026-12-06'),
    ACCESSIBILITY_REVIEWED: z.iso.date().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MAIL_TRANSPORT: z.enum(['smtp', 'dev']).optional(),
    MAIL_FROM: z.string().min(3).default('Kith <no-reply@kith.localhost>'),
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    SMTP_SECURE: bool.default(false),
    SMTP_USER: z.string().optional(),
    SMTP_PASSWORD: z.string().optional(),
    DEMO: bool.optional(),
    DEMO_RESIDENTS: bool.optional(),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
    // Sign-in attempts from one network address a minute, the page and the API together.
    // Sized for a library or a community centre whose computers share one address: the
    // guard against guessing one account's password is the per-account delay.
    SIGN_IN_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
    JOBS_POLL_MS: z.coerce.number().int().min(10).default(1000),
    // Map tiles for the directory's map view, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png;
    // unset, the map draws its markers on a plain background and no request leaves Kith.
    MAP_TILE_URL: z
      .string()
      .regex(
        /^https:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/,
        'MAP_TILE_URL must be an https:// URL with {z}, {x} and {y} in it',
      )
      .optional(),
    MAP_TILE_ATTRIBUTION: z.string().max(300).optional(),
    KITH_TEST_FAST_PASSWORDS: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    const transport = env.MAIL_TRANSPORT ?? (env.NODE_ENV === 'production' ? 'smtp' : 'dev');
    if (transport === 'smtp' && !env.SMTP_HOST) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_HOST'], message: 'SMTP_HOST is required to send email over SMTP' });
    }
    if (env.NODE_ENV === 'production') {
      if (!env.PUBLIC_URL)
        ctx.addIssue({
          code: 'custom',
          path: ['PUBLIC_URL'],
          message: 'PUBLIC_URL is required in production (links in emails use it)',
        });
      if (transport === 'dev')
        ctx.addIssue({
          code: 'custom',
          path: ['MAIL_TRANSPORT'],
          message: 'MAIL_TRANSPORT=dev keeps email where nobody can read it in production; use smtp',
        });
      if (env.MAIL_FROM.includes('kith.localhost'))
        ctx.addIssue({
          code: 'custom',
          path: ['MAIL_FROM'],
          message: 'Set MAIL_FROM to an address your mail server may send from',
        });
      if (env.KITH_TEST_FAST_PASSWORDS)
        ctx.addIssue({
          code: 'custom',
          path: ['KITH_TEST_FAST_PASSWORDS'],
          message: 'KITH_TEST_FAST_PASSWORDS makes passwords cheap to guess; it is for the test suites only',
        });
      if (!env.OPERATOR_NAME)
        ctx.addIssue({
          code: 'custom',
          path: ['OPERATOR_NAME'],
          message: 'OPERATOR_NAME is required in production: the privacy notice names who runs Kith',
        });
    }
    if (env.PUBLIC_URL && new URL(env.PUBLIC_URL).pathname.replace(/\/$/, '') !== '') {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: 'PUBLIC_URL must be the root of a host name (Kith cannot run under a path)',
      });
    }
  });

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  /** True when people reach Kith over HTTPS: cookies become Secure and HSTS is sent. */
  https: boolean;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };
  sessionSecret?: string;
  trustProxy: boolean | string;
  databasePoolSize: number;
  /** Who runs this Kith: named in the privacy notice and accessibility statement. */
  operator: { name?: string; email?: string; phone?: string; address?: string };
  /** The accessibility statement's facts that belong to this deployment. */
  accessibility: { enforcement: 'ehrc' | 'ecni'; prepared: string; reviewed: string };
  logLevel: string;
  mail: {
    transport: 'smtp' | 'dev';
    from: string;
    smtp: { host?: string; port: number; secure: boolean; user?: string; password?: string };
  };
  /** Load the demo place when the database is empty. */
  demo: boolean;
  /**
   * With the demo, thirty residents of Calderbrook who answered the equality questions
   * and supported a proposal, so the place's figures have people to count. The browser
   * journeys leave them out, so the pages they read keep small, known numbers.
   */
  demoResidents: boolean;
  rateLimitPerMinute: number;
  signInPerAddressPerMinute: number;
  jobsPollMs: number;
  /** Tile URL template for the directory's map, and the credit its provider asks for. */
  mapTileUrl?: string;
  mapTileAttribution?: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Kith cannot start: the environment is not valid.\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    https: publicUrl.startsWith('https://'),
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA }
      : { kind: 'sqlite', file: path.join(dataDir, 'kith.sqlite') },
    sessionSecret: e.SESSION_SECRET,
    trustProxy: e.TRUST_PROXY,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    operator: { name: e.OPERATOR_NAME, email: e.OPERATOR_EMAIL, phone: e.OPERATOR_PHONE, address: e.OPERATOR_ADDRESS },
    accessibility: {
      enforcement: e.ACCESSIBILITY_ENFORCEMENT,
      prepared: e.ACCESSIBILITY_PREPARED,
      reviewed: e.ACCESSIBILITY_REVIEWED ?? e.ACCESSIBILITY_PREPARED,
    },
    logLevel: e.LOG_LEVEL,
    mail: {
      transport: e.MAIL_TRANSPORT ?? (e.NODE_ENV === 'production' ? 'smtp' : 'dev'),
      from: e.MAIL_FROM,
      smtp: {
        host: e.SMTP_HOST,
        port: e.SMTP_PORT,
        secure: e.SMTP_SECURE,
        user: e.SMTP_USER,
        password: e.SMTP_PASSWORD,
      },
    },
    demo: e.DEMO ?? e.NODE_ENV !== 'production',
    demoResidents: e.DEMO_RESIDENTS ?? true,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    signInPerAddressPerMinute: e.SIGN_IN_PER_ADDRESS_PER_MINUTE,
    jobsPollMs: e.JOBS_POLL_MS,
    mapTileUrl: e.MAP_TILE_URL,
    mapTileAttribution: e.MAP_TILE_ATTRIBUTION,
  };
}

/** The CSP source for the map's tile server ("https://*.tile.example.org" when it has {s} subdomains); none when unset. */
export function mapTileSources(config: Pick<Config, 'mapTileUrl'>): string[] {
  if (!config.mapTileUrl) return [];
  const url = new URL(config.mapTileUrl.replace(/\{[a-z]\}/g, 'x'));
  return [config.mapTileUrl.includes('{s}.') ? `https://*.${url.host.split('.').slice(1).join('.')}` : url.origin];
}
