import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * For an onSend hook on a 200 GET: gives the answer a weak ETag of its content (and
 * Cache-Control: no-cache). A client that sends the tag back in If-None-Match is told 304,
 * with nothing to download, until the content changes. A stream passes untagged.
 */
export function withWeakEtag(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  const etag = `W/"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', etag).header('cache-control', 'no-cache');
  const sent = String(request.headers['if-none-match'] ?? '')
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''));
  if (sent.includes(etag.slice(2)) || sent.includes('*')) {
    reply.code(304).removeHeader('content-type').removeHeader('content-length');
    return '';
  }
  return payload;
}
