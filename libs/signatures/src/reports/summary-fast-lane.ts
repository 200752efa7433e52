import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import type { FastAnswer, HttpFastLane } from '@accord/core';
import { REPORT_CACHE_CONTROL, SUMMARY_VARY } from './http-caching.js';
import { matchesIfNoneMatch, SummaryCache, type CachedSummary } from './summary-cache.service.js';

/** Lower-case canonical UUIDs only: anything else takes the framework's path (and its validation). */
const SUMMARY_PATH =
  /^\/v1\/events\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/signatories\/summary$/;

/** Paths already matched, at most this many (a flood of made-up ids clears the memo rather than growing it). */
const MAX_REMEMBERED_PATHS = 1_000;

interface PreparedSummary {
  ok: FastAnswer;
  notModified: FastAnswer;
}

/**
 * The public signatory summary is on every screen in the hall and in every newsroom: when this process holds it in
 * memory (SummaryCache.peek) or has served it before (then readers share the one recomputation after a change), it
 * is answered straight from the HTTP server, with the same bytes, ETag and caching headers as the controller's
 * route (SignatoriesController.summary). Everything else — a first read, a query string, a cross-origin request
 * (CORS headers), credentials (the guard checks them), HEAD — declines and goes through the framework. Lane answers
 * are not counted by the per-client rate limiter: answering one costs less than answering a 429 would.
 */
@Injectable()
export class SummaryFastLane implements HttpFastLane {
  /** Answers given, for tests and diagnostics. */
  answered = 0;
  private readonly prepared = new WeakMap<CachedSummary, PreparedSummary>();
  /**
   * The event id of each summary path seen: the screens ask for the same few paths over and over, and a map lookup
   * costs a fraction of the regular expression's match (its array, its substring, and hashing that new string).
   */
  private readonly eventIds = new Map<string, string>();

  constructor(private readonly cache: SummaryCache) {}

  answer(request: IncomingMessage): FastAnswer | Promise<FastAnswer | undefined> | undefined {
    const { method, headers } = request;
    // With credentials, the framework's guard checks them (a bad token is a 401 even on a public route).
    if (method !== 'GET' || headers.origin !== undefined || headers.authorization !== undefined) return undefined;
    const eventId = this.eventIdOf(request.url ?? '');
    if (eventId === undefined) return undefined;
    const summary = this.cache.peek(eventId);
    if (summary) return this.answerWith(summary, request);
    // Just after a change every reader misses at once: they share the one computation here rather than each
    // crossing the framework to wait for it. An event never served before goes to the framework (validation, 404).
    if (!this.cache.isKnown(eventId)) return undefined;
    return this.cache.get(eventId).then(
      (fresh) => this.answerWith(fresh, request),
      () => undefined, // PostgreSQL down, say: the framework answers with the problem
    );
  }

  /** Paths remembered now, for tests and diagnostics. */
  get rememberedPaths(): number {
    return this.eventIds.size;
  }

  private eventIdOf(path: string): string | undefined {
    const known = this.eventIds.get(path);
    if (known !== undefined) return known;
    const eventId = SUMMARY_PATH.exec(path)?.[1];
    if (eventId === undefined) return undefined;
    if (this.eventIds.size >= MAX_REMEMBERED_PATHS) this.eventIds.clear();
    this.eventIds.set(path, eventId);
    return eventId;
  }

  private answerWith(summary: CachedSummary, request: IncomingMessage): FastAnswer {
    const prepared = this.prepare(summary);
    this.answered += 1;
    return matchesIfNoneMatch(request.headers['if-none-match'], summary.etag) ? prepared.notModified : prepared.ok;
  }

  /** Headers and bytes are built once per version of the summary, not per request. */
  private prepare(summary: CachedSummary): PreparedSummary {
    let prepared = this.prepared.get(summary);
    if (!prepared) {
      const body = Buffer.from(summary.body, 'utf8');
      const caching = ['etag', summary.etag, 'cache-control', REPORT_CACHE_CONTROL, 'vary', SUMMARY_VARY];
      prepared = {
        ok: {
          status: 200,
          headers: [
            ...caching,
            'content-type',
            'application/json; charset=utf-8',
            'content-length',
            String(body.length),
          ],
          body,
        },
        notModified: { status: 304, headers: caching, bare: true },
      };
      this.prepared.set(summary, prepared);
    }
    return prepared;
  }
}
