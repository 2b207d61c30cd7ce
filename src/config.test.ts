import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

describe('settings from the environment', () => {
  test('a fresh machine needs none: SQLite in ./data, development mail, the demo', () => {
    const config = loadConfig({});
    assert.equal(config.database.kind, 'sqlite');
    assert.match(config.database.kind === 'sqlite' ? config.database.file : '', /data\/kith\.sqlite$/);
    assert.equal(config.mail.transport, 'dev');
    assert.equal(config.demo, true);
    assert.equal(config.publicUrl, 'http://localhost:3000');
    assert.equal(config.https, false);
  });

  test('DATABASE_URL switches to PostgreSQL, with an optional schema', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://kith@db/kith', DATABASE_SCHEMA: 'kith' });
    assert.deepEqual(config.database, { kind: 'postgres', url: 'postgres://kith@db/kith', schema: 'kith' });
  });

  test('production refuses to start without what it needs, and says what is missing', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production' }),
      (error: Error) =>
        error instanceof ConfigError &&
        /SMTP_HOST is required/.test(error.message) &&
        /PUBLIC_URL is required/.test(error.message) &&
        /OPERATOR_NAME is required/.test(error.message) &&
        /MAIL_FROM/.test(error.message),
    );
    const config = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://kith.calderbrook.gov.uk',
      SMTP_HOST: 'smtp.calderbrook.gov.uk',
      MAIL_FROM: 'Kith <kith@calderbrook.gov.uk>',
      OPERATOR_NAME: 'Calderbrook Borough Council',
    });
    assert.equal(config.https, true);
    assert.equal(config.demo, false);
    assert.equal(config.mail.transport, 'smtp');
    // The test suites' cheap password hashing never reaches people's real passwords.
    assert.throws(
      () =>
        loadConfig({
          NODE_ENV: 'production',
          PUBLIC_URL: 'https://kith.calderbrook.gov.uk',
          SMTP_HOST: 'smtp.calderbrook.gov.uk',
          MAIL_FROM: 'Kith <kith@calderbrook.gov.uk>',
          OPERATOR_NAME: 'Calderbrook Borough Council',
          KITH_TEST_FAST_PASSWORDS: '1',
        }),
      /KITH_TEST_FAST_PASSWORDS makes passwords cheap to guess/,
    );
  });

  test('mistakes are caught at start-up, not on the first request', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL must be a postgres/);
    assert.throws(() => loadConfig({ PUBLIC_URL: 'https://example.org/kith' }), /root of a host name/);
    assert.throws(() => loadConfig({ TRUST_PROXY: 'maybe' }), /TRUST_PROXY/);
    assert.throws(() => loadConfig({ SESSION_SECRET: 'short' }), /at least 32 characters/);
  });

  test('TRUST_PROXY takes true, false or the proxies’ addresses', () => {
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy, '10.0.0.0/8, 127.0.0.1');
  });
});
