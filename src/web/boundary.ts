/**
 * Input refused once, at the edge, before any route sees it: control characters. No
 * name, address, search or id in Kith needs one, and the two databases treat them
 * differently (PostgreSQL refuses a NUL byte in text; SQLite stores it), so a request
 * carrying one is refused the same way on both: 404 when it is in the address's path
 * (no record has such an id), 400 when it is in a query or a form or JSON field.
 *
 * Tab, line feed and carriage return are allowed in query and body values (a text box
 * sends line breaks as CR LF); in a path they are refused like every other control.
 */
import type { FastifyRequest } from 'fastify';
import { KithError, NotFoundError } from '../errors.js';

/** C0 controls and DEL. */
const ANY_CONTROL = /[\u0000-\u001f\u007f]/;
/** C0 controls and DEL, except tab, line feed and carriage return. */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function hasControlCharacter(value: string): boolean {
  return ANY_CONTROL.test(value);
}

/** Whether any string in a parsed query, form or JSON document (names included) holds a refused control. */
export function holdsControlCharacter(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return CONTROL_IN_TEXT.test(value);
  if (value === null || typeof value !== 'object' || depth > 32) return false;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return false;
  if (Array.isArray(value)) return value.some((v) => holdsControlCharacter(v, depth + 1));
  for (const [name, v] of Object.entries(value)) {
    if (CONTROL_IN_TEXT.test(name) || holdsControlCharacter(v, depth + 1)) return true;
  }
  return false;
}

/** The boundary check, as a preValidation hook: runs after the body is parsed, before any handler. */
export async function refuseControlCharacters(request: FastifyRequest): Promise<void> {
  const params = (request.params ?? {}) as Record<string, unknown>;
  for (const value of Object.values(params)) {
    if (typeof value === 'string' && hasControlCharacter(value)) throw new NotFoundError();
  }
  if (holdsControlCharacter(request.query) || holdsControlCharacter(request.body)) {
    throw new KithError(400, 'error.controlCharacters.body');
  }
}
