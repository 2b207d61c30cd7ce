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

export type Outcome = 'ok' | 'sign-in' | 'forbidden';

export interface AuthorisationCase {
  /** "METHOD /url" exactly as the route is registered (with :params). */
  route: string;
  request: (agent: Agent) => ReturnType<Agent['get']>;
  expect: (actor: ActorName) => Outcome;
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
}

export const everyone = (): Outcome => 'ok';
export const signedIn = (actor: ActorName): Outcome => (actor === 'anonymous' ? 'sign-in' : 'ok');
/** Anyone signed in who holds one of these roles in Calderbrook; others are refused. */
export const roles =
  (...allowed: Role[]) =>
  (actor: ActorName): Outcome =>
    actor === 'anonymous' ? 'sign-in' : (allowed as string[]).includes(actor) ? 'ok' : 'forbidden';
