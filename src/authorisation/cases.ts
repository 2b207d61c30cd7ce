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
 * What the actor gets: through to the page or the form's own checks ('ok': 2xx, a
 * redirect, or a 400/422 about the input), sent to sign in, refused (403), or told
 * there is no such thing (404: for an id they may not know exists).
 */
export type Outcome = 'ok' | 'sign-in' | 'forbidden' | 'not-found';

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
export const signedIn = (actor: ActorName): Outcome => (actor === 'anonymous' ? 'sign-in' : 'ok');
/** Anyone signed in who holds one of these roles in Calderbrook; others are refused. */
export const roles =
  (...allowed: Role[]) =>
  (actor: ActorName): Outcome =>
    actor === 'anonymous' ? 'sign-in' : (allowed as string[]).includes(actor) ? 'ok' : 'forbidden';
/** Anyone signed in with any role in Calderbrook; an admin of another place is refused. */
export const member = (actor: ActorName): Outcome =>
  actor === 'anonymous' ? 'sign-in' : actor === 'otherPlaceAdmin' ? 'forbidden' : 'ok';
