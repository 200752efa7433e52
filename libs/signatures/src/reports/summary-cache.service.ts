import { createHash } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, NextRun, REDIS, settledWithin, type AppConfig } from '@accord/core';
import { EventsService } from '@accord/events';
import { SignatoryChanges } from './signatory-changes.js';
import { SignatorySummaryService } from './signatory-summary.service.js';

/** How long a new computation waits for the stale one before it starts anyway. */
const STALE_WAIT_MS = 5000;

/** How long shutdown waits for the announcements still out; a lost one expires with the cached copy (TTL_SECONDS). */
const SHUTDOWN_WAIT_MS = 5000;

/** Resolves after `ms` (at once for none). */
const pause = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : undefined);

/** A computation of an event's summary: stale once a change came after it began reading. */
interface Computation {
  loading: Promise<CachedSummary>;
  stale: boolean;
  started: boolean;
}

/**
 * Computations of one event's summary start at least this far apart in a process. During a signing rush every
 * signature invalidates the summary, and each computation then answers every waiting screen at once (hundreds of
 * requests): ten refreshes a second keep every screen current to the eye and leave the CPU to the signing table.
 * A reader never gets figures older than a change it could know of: it waits for the next computation.
 */
const MIN_COMPUTE_SPACING_MS = 100;

/** A rendered summary: the JSON body, its weak ETag, and the version of the record it reflects. */
export interface CachedSummary {
  /**
   * Bumped after changes of the event's signatory record (once for changes announced together); also the SSE event
   * id. 0 before the first change.
   */
  version: number;
  etag: string;
  body: string;
}

/** How long a cached summary may live without any change: a safety net if an invalidation is ever lost. */
const TTL_SECONDS = 60;

/**
 * How long this process serves its in-memory copy before checking it against Redis. Changes announced on the
 * channel drop the copy at once; this bounds the staleness if an announcement is ever lost.
 */
const LOCAL_FRESH_MS = 1000;

// Writes the summary only if no change happened since its version was read: a computation that started before a
// change committed can never overwrite the invalidation with stale figures.
const SET_IF_CURRENT = `
local current = redis.call('GET', KEYS[1]) or '0'
if current == ARGV[1] then
  redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0`;

// One round trip for a change: bump the version, drop the shared copy, tell every process (as one atomic step, so
// no process can read the old copy under the new version).
const ANNOUNCE_CHANGE = `
local version = redis.call('INCR', KEYS[1])
redis.call('DEL', KEYS[2])
redis.call('PUBLISH', ARGV[1], cjson.encode({ eventId = ARGV[2], version = version }))
return version`;

/**
 * The public summary, cached twice: in Redis, shared by every API process (one computation per change for all of
 * them), and in each process's memory, so heavy public load costs no round trip at all. A change bumps the event's
 * version and drops the Redis entry atomically, after the change's transaction has committed, then announces the
 * new version on the pub/sub channel: every process drops its copy (and the SSE streams push the new summary).
 */
@Injectable()
export class SummaryCache implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('SignatorySummary');
  /**
   * The computation under way per event, and whether a change came after it started (stale). At most one runs at
   * a time per event: under a rush of changes, readers share the next computation instead of starting one each.
   */
  private readonly inFlight = new Map<string, Computation>();
  /** When the latest computation per event began reading (Date.now()), for MIN_COMPUTE_SPACING_MS. */
  private readonly lastStart = new Map<string, number>();
  private readonly announcements = new NextRun<string, void>((eventId) => this.announce(eventId));
  private readonly local = new Map<string, { summary: CachedSummary; checkedAt: number }>();
  /** Events whose summary this process has served: a read of one may wait for its computation in the fast lane. */
  private readonly known = new Set<string>();
  /** The newest version announced per event: a computation that started before it is not kept in memory. */
  private readonly announced = new Map<string, number>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly summaries: SignatorySummaryService,
    private readonly events: EventsService,
    private readonly changes: SignatoryChanges,
  ) {}

  onModuleInit(): void {
    // The summary shows the event's goal and entry-into-force rule: an edit to them is a change too.
    this.events.onChange((eventId) => this.changed(eventId));
    this.changes.listen((change) => {
      if (!change) {
        this.local.clear();
        this.announced.clear(); // versions may have restarted with Redis
        for (const running of this.inFlight.values()) running.stale = true;
        return;
      }
      this.announced.set(change.eventId, Math.max(change.version, this.announced.get(change.eventId) ?? 0));
      this.forget(change.eventId);
    });
  }

  private versionKey(eventId: string) {
    return `${this.config.queuePrefix}:signatories:${eventId}:version`;
  }

  private summaryKey(eventId: string) {
    return `${this.config.queuePrefix}:signatories:${eventId}:summary`;
  }

  /** The current summary: from memory, else from Redis, else computed (at most once at a time per event here). */
  async get(eventId: string): Promise<CachedSummary> {
    const fresh = this.peek(eventId);
    if (fresh) return fresh;
    const running = this.inFlight.get(eventId);
    if (running && !running.stale) return running.loading;
    // A stale computation may predate a change this reader must see: the next one starts once it is done, or after
    // a few seconds if it hangs (a stuck query must not hold the event's summary forever).
    const start = running ? settledWithin(running.loading, STALE_WAIT_MS) : Promise.resolve();
    const entry: Computation = { loading: Promise.resolve(undefined as never), stale: false, started: false };
    entry.loading = start
      .then(() => pause((this.lastStart.get(eventId) ?? -Infinity) + MIN_COMPUTE_SPACING_MS - Date.now()))
      .then(() => {
        entry.started = true;
        this.lastStart.set(eventId, Date.now());
        return this.load(eventId);
      });
    entry.loading = entry.loading.finally(() => {
      if (this.inFlight.get(eventId) === entry) this.inFlight.delete(eventId);
    });
    this.inFlight.set(eventId, entry);
    return entry.loading;
  }

  /** The summary this process holds in memory, while fresh; never waits (the HTTP fast lane's source). */
  peek(eventId: string): CachedSummary | undefined {
    const hit = this.local.get(eventId);
    return hit && Date.now() - hit.checkedAt < LOCAL_FRESH_MS ? hit.summary : undefined;
  }

  /** Whether this process has computed or fetched this event's summary before (so the event exists). */
  isKnown(eventId: string): boolean {
    return this.known.has(eventId);
  }

  private async load(eventId: string): Promise<CachedSummary> {
    let summary: CachedSummary | null = null;
    // A change committed here and not yet announced: the shared copy may predate it (see changed).
    if (!this.announcements.pending(eventId)) {
      try {
        const cached = await this.redis.get(this.summaryKey(eventId));
        if (cached) summary = JSON.parse(cached) as CachedSummary;
      } catch {
        // Redis unavailable: answer from PostgreSQL rather than fail a public page.
      }
    }
    summary ??= await this.fill(eventId);
    this.known.add(eventId);
    // Kept in memory unless a newer change was announced while it was read (or Redis is down: version -1).
    if (summary.version < 0 || summary.version >= (this.announced.get(eventId) ?? 0)) {
      this.local.set(eventId, { summary, checkedAt: Date.now() });
    }
    return summary;
  }

  /** Drops this process's copy and marks the computation in flight stale: it may predate a change just announced. */
  forget(eventId: string): void {
    // One still waiting to begin will read after this change: it stays current.
    const running = this.inFlight.get(eventId);
    if (running?.started) running.stale = true;
    this.local.delete(eventId);
  }

  async version(eventId: string): Promise<number> {
    return Number((await this.redis.get(this.versionKey(eventId))) ?? 0);
  }

  private async fill(eventId: string): Promise<CachedSummary> {
    // The version is read before PostgreSQL: if a change commits in between, the write below is refused.
    let version = -1;
    try {
      version = await this.version(eventId);
    } catch {
      // Redis unavailable: computed, not cached.
    }
    const figures = await this.summaries.compute(eventId);
    const body = JSON.stringify(figures);
    const summary: CachedSummary = { version, etag: etagOf(version, { ...figures, asOf: undefined }), body };
    if (version >= 0) {
      await this.redis
        .eval(
          SET_IF_CURRENT,
          2,
          this.versionKey(eventId),
          this.summaryKey(eventId),
          String(version),
          JSON.stringify(summary),
          TTL_SECONDS,
        )
        .catch(() => undefined);
    }
    return summary;
  }

  /**
   * Call after the transaction of a change has committed; nothing waits for Redis. Readers of this process see the
   * change at once: the copy in memory is dropped, and until the announcement is out this process computes the
   * summary afresh rather than take the shared copy in Redis, which may predate the change (see load). Other
   * processes drop theirs when the announcement reaches them, as they always did: an answer that waited for it would
   * not make them hear it sooner. Changes of one event share announcements: one at a time per process, the changes
   * committed meanwhile announced together by the next (one version bump for them all), so a signing rush costs the
   * Redis round trips of two announcements per completed one, not one per signature. If Redis is down the cached
   * summary expires within a minute and the streams catch up at their next heartbeat check.
   */
  changed(eventId: string): void {
    this.forget(eventId);
    void this.announcements.after(eventId);
  }

  /** Resolves once every change committed so far has been announced (or its announcement has failed). */
  announcementsSent(): Promise<void> {
    return this.announcements.idle();
  }

  /** The changes of the last requests answered are announced before the Redis connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await settledWithin(this.announcementsSent(), SHUTDOWN_WAIT_MS);
  }

  /** One announcement of the changes made so far (see `changed`). */
  private async announce(eventId: string): Promise<void> {
    try {
      const version = Number(
        await this.redis.eval(
          ANNOUNCE_CHANGE,
          2,
          this.versionKey(eventId),
          this.summaryKey(eventId),
          this.changes.channel,
          eventId,
        ),
      );
      this.changes.emit({ eventId, version }); // this process at once (the others heard it from Redis)
    } catch (error) {
      this.logger.warn(`could not invalidate the signatory summary of event ${eventId}: ${(error as Error).message}`);
    }
  }
}

/**
 * Weak ETag: the version plus a digest of the figures, that is everything but `asOf`, the moment they were computed.
 * A summary recomputed with nothing changed (its cache entry expired) keeps its tag, so screens and browsers go on
 * getting 304s; the two answers differ only in asOf, which is what a weak validator allows (RFC 9110 §8.8.1). A
 * figure that moves with the date alone (`inForce`) changes the tag.
 */
export function etagOf(version: number, figures: object): string {
  const digest = createHash('sha256').update(JSON.stringify(figures)).digest('base64url').slice(0, 22);
  return `W/"${Math.max(version, 0)}-${digest}"`;
}

/** RFC 9110 If-None-Match: a list of entity tags or `*`, compared weakly. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header === etag) return true; // what a browser or a screen sends back: the tag it was given
  if (header.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => bare(tag) === bare(etag));
}
