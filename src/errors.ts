/**
 * Errors a request can end in. Routes and services throw them; the web layer turns
 * them into a friendly page or an RFC 9457 problem document.
 */
export class KithError extends Error {
  constructor(
    readonly status: number,
    /** Message key in the catalogue, shown to the person. */
    readonly key: string,
    readonly params: Record<string, string> = {},
  ) {
    super(key);
  }
}

export class NotFoundError extends KithError {
  constructor(key = 'error.notFound.body') {
    super(404, key);
  }
}

export class ForbiddenError extends KithError {
  constructor(key = 'error.forbidden.body') {
    super(403, key);
  }
}

/** Nobody is signed in and the page needs someone who is. */
export class SignInRequiredError extends KithError {
  constructor() {
    super(401, 'error.signInRequired');
  }
}

/**
 * A rule of the domain refused the change (not a malformed field: those are
 * validation errors shown beside the field). `field` says where to show it.
 */
export class RuleError extends KithError {
  constructor(
    key: string,
    params: Record<string, string> = {},
    readonly field?: string,
  ) {
    super(422, key, params);
  }
}
