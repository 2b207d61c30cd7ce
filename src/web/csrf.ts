import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The CSRF token for a session cookie: an HMAC of the cookie's value under the
 * deployment's secret. A page on another site can make the browser send the cookie
 * but cannot read it, so it cannot make the token.
 */
export function csrfTokenFor(secret: Buffer, sessionToken: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionToken}`).digest('base64url');
}

export function verifyCsrf(secret: Buffer, sessionToken: string, sent: string): boolean {
  const expected = Buffer.from(csrfTokenFor(secret, sessionToken));
  const actual = Buffer.from(sent);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
