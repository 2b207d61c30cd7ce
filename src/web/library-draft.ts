import type { FastifyRequest } from 'fastify';

/**
 * Closing a grant, a participatory process, a befriending scheme or a volunteering role
 * may make a draft case study in the learning library. The page confirming the close
 * links to it: the redirect carries the draft's address as `?draft=`, and the page shows
 * it only when it is a library case of this place (a tampered address shows nothing).
 */
export function withDraft(url: string, draftHref: string | undefined): string {
  return draftHref ? `${url}${url.includes('?') ? '&' : '?'}draft=${encodeURIComponent(draftHref)}` : url;
}

/** The draft's address the confirmation was sent with, if it is one of this place's library cases. */
export function draftHrefOf(request: FastifyRequest, placeSlug: string): string | undefined {
  const draft = (request.query as Record<string, unknown> | undefined)?.draft;
  if (typeof draft !== 'string') return undefined;
  const prefix = `/places/${placeSlug}/library/cases/`;
  return draft.startsWith(prefix) && /^[A-Za-z0-9-]{1,64}\/edit$/.test(draft.slice(prefix.length)) ? draft : undefined;
}
