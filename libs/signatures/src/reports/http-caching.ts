import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { matchesIfNoneMatch } from './summary-cache.service.js';

/**
 * What the public reports' answers vary by: the format asked for, and the CORS headers given to an allowed origin (a
 * shared cache must not hand an answer without them to a cross-origin page).
 */
export const SUMMARY_VARY = 'accept, origin';

/** Caches may keep a copy but must revalidate it each time, so a new signature shows at once. */
export const REPORT_CACHE_CONTROL = 'public, no-cache';

/**
 * Sends a body with a strong ETag, or 304 when the client already has it. `no-cache` lets browsers, proxies and
 * CDNs keep the copy but makes them revalidate each time, so a new signature shows at once.
 */
export function sendWithEtag(
  request: FastifyRequest,
  reply: FastifyReply,
  body: string | Buffer,
  contentType: string,
  etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
): FastifyReply {
  void reply.header('etag', etag).header('cache-control', REPORT_CACHE_CONTROL).header('vary', SUMMARY_VARY);
  if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) return reply.status(304).send();
  return reply.header('content-type', contentType).send(body);
}
