import { ForbiddenError, SignInRequiredError } from '../errors.js';

/** The roles a person can hold in a place (BRIEF.md, "Who uses it"). */
export const ROLES = [
  'resident',
  'organiser',
  'coordinator',
  'link_worker',
  'referrer',
  'partner',
  'officer',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Who is asking: a signed-in person with their roles in each place, or nobody. */
export interface Actor {
  readonly personId: string | null;
  readonly roles: ReadonlyArray<{ placeId: string; role: Role }>;
}

export const ANONYMOUS: Actor = Object.freeze({ personId: null, roles: [] });

export function hasRole(actor: Actor, placeId: string, ...roles: Role[]): boolean {
  return actor.roles.some((r) => r.placeId === placeId && roles.includes(r.role));
}

export function isMember(actor: Actor, placeId: string): boolean {
  return actor.roles.some((r) => r.placeId === placeId);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rule = (actor: Actor, subject: any) => boolean;
export type PolicyRules = Record<string, Rule>;

/**
 * The one place that decides who may do what. Each module contributes the rules for
 * its own actions; routes ask, they never decide.
 */
export class Policy {
  readonly #rules = new Map<string, Rule>();

  constructor(ruleSets: Iterable<PolicyRules>) {
    for (const rules of ruleSets) {
      for (const [action, rule] of Object.entries(rules)) {
        if (this.#rules.has(action)) throw new Error(`Two modules define the policy action "${action}"`);
        this.#rules.set(action, rule);
      }
    }
  }

  can(actor: Actor, action: string, subject?: unknown): boolean {
    const rule = this.#rules.get(action);
    if (!rule) throw new Error(`No policy rule for "${action}"`);
    return rule(actor, subject);
  }

  /** Throws when the actor may not: sign-in first for nobody, forbidden for anyone else. */
  authorize(actor: Actor, action: string, subject?: unknown): void {
    if (this.can(actor, action, subject)) return;
    throw actor.personId ? new ForbiddenError() : new SignInRequiredError();
  }

  actions(): string[] {
    return [...this.#rules.keys()].sort();
  }
}
