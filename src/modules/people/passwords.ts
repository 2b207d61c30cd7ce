import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt cost N=2^15, r=8, p=3: one of OWASP's equivalent minimum settings (as strong as
// N=2^17, p=1) that needs 32 MiB of memory per hash instead of 128 MiB.
const N = 2 ** 15;
const R = 8;
const P = 3;
const KEY_LENGTH = 64;

/**
 * The test suites register and sign in thousands of times, and at full cost (about half a
 * second of a core each) hashing was a third of their run. The test helpers set
 * KITH_TEST_FAST_PASSWORDS=1 for a cheap cost instead; the parameters travel with each
 * hash, so either kind verifies. A production Kith refuses to start with it (config.ts).
 */
function cost(): { n: number; r: number; p: number } {
  return process.env.KITH_TEST_FAST_PASSWORDS === '1' ? { n: 2 ** 10, r: 8, p: 1 } : { n: N, r: R, p: P };
}
const MAX_MEM = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** Each password gets its own random salt; the parameters travel with the hash. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { n, r, p } = cost();
  const key = await derive(password, salt, n, r, p);
  return `scrypt$${n}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) {
    // Spend the same time as a real check, so timing does not tell whether an account exists.
    const { n, r, p } = cost();
    await derive(password, DUMMY_SALT, n, r, p);
    return false;
  }
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const DUMMY_SALT = randomBytes(16);
