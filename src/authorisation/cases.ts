/**
 * The authorisation table: for every route, what each kind of person gets. Each module
 * contributes its rows (src/modules/<name>/authorisation.cases.ts) and registers them
 * in src/authorisation/all.ts; src/authorisation/authorisation.test.ts tries every row
 * as every actor and fails if any route in the app has no row.
 */
import type { Agent, TestKith } from '../testing.js';
import type { Role } from '../policy/index.js';

/** Who is asking: nobody, someone holding exactly one role in Calderbrook, or an admin of Aberllyn only. */
export type ActorName = 'anonymous' | Role | 'otherPlaceAdmin';

/**
 * What the actor gets:
 * - 'ok': through to the page or the command (2xx, a redirect, or 422: a rule refused it);
 * - 'invalid': through to the form's own checks of what was sent (400 with each problem
 *   beside its field, or the API's validation problem), for a row that sends nothing;
 * - 'gone' (410): a link that no longer works (an unknown or used token), whoever follows it;
 * - 'bad-request': any other 4xx (no row expects it: it says nothing about who may pass);
 * - 'sign-in', 'forbidden' (403), or 'not-found' (404: for an id they may not know exists).
 */
export type Outcome = 'ok' | 'invalid' | 'gone' | 'bad-request' | 'sign-in' | 'forbidden' | 'not-found';

export interface AuthorisationCase {
  /** "METHOD /url" exactly as the route is registered (with :params). */
  route: string;
  request: (agent: Agent) => ReturnType<Agent['get']>;
  expect: (actor: ActorName) => Outcome;
  /**
   * Every POST says what posting it twice does (src/authorisation/submissions.test.ts):
   * - `creates`: a valid submission (form `fields`, or a `json` body for the API), by
   *   whom, and the table that gains exactly one row from it; the test posts it twice at
   *   once with one submission key (`_idem`, or the Idempotency-Key header) and expects one row.
   * - `changesInPlace`: why a repeat cannot double anything (it sets a state, deletes,
   *   signs in...), in a few words.
   */
  submission?:
    | {
        creates:
          | { as: ActorName; fields: Record<string, string | string[]>; table: string }
          | { as: ActorName; json: Record<string, unknown>; table: string };
      }
    | { changesInPlace: string };
}

export interface CaseContext {
  t: TestKith;
  /** The person id behind each signed-in actor. */
  personIds: Record<Exclude<ActorName, 'anonymous'>, string>;
  /** Calderbrook (where the single-role actors are) and Aberllyn. */
  placeIds: { calderbrook: string; aberllyn: string };
}

export interface ModuleCases {
  module: string;
  /** Makes what the rows need (a listing owned by the organiser, say); returns the rows. */
  cases(context: CaseContext): Promise<AuthorisationCase[]>;
  /** Rows that end the actor's session run last. */
  endsSession?: string[];
  /** Puts back what the table's rows undid (an account left, say) before submissions are posted twice. */
  beforeSubmissions?(context: CaseContext): Promise<void>;
}

export const everyone = (): Outcome => 'ok';
/** Everyone following an unknown or used link is told it no longer works. */
export const gone = (): Outcome => 'gone';
export const signedIn = (actor: ActorName): Outcome => (actor === 'anonymous' ? 'sign-in' : 'ok');
/** Anyone signed in who holds one of these roles in Calderbrook; others are refused. */
export const roles =
  (...allowed: Role[]) =>
  (actor: ActorName): Outcome =>
    actor === 'anonymous' ? 'sign-in' : (allowed as string[]).includes(actor) ? 'ok' : 'forbidden';
/** Anyone signed in with any role in Calderbrook; an admin of another place is refused. */
export const member = (actor: ActorName): Outcome =>
  actor === 'anonymous' ? 'sign-in' : actor === 'otherPlaceAdmin' ? 'forbidden' : 'ok';
/**
 * A row that posts no fields: whoever the route lets through gets the form's answer
 * about the missing fields ('invalid'), everyone else what `expect` says.
 */
export const invalidInput =
  (expect: (actor: ActorName) => Outcome) =>
  (actor: ActorName): Outcome => {
    const outcome = expect(actor);
    return outcome === 'ok' ? 'invalid' : outcome;
  };
