import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@accord/core';
import { SignatoryChanges } from './signatory-changes.js';
import { SummaryCache, type CachedSummary } from './summary-cache.service.js';

interface StreamClient {
  raw: ServerResponse;
  /** Version of the last summary written to this client; null until the first. */
  sentVersion: number | null;
}

/** A client this far behind (bytes queued in the socket) is gone or hopeless: drop it rather than buffer forever. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * The live signatory streams of this API process. Every process listens to the change channel (SignatoryChanges,
 * a Redis subscriber connection of its own), so a signature recorded through any process reaches the streams of
 * all of them. Each change is rendered once per process, however many clients.
 */
@Injectable()
export class SignatoriesStreamHub implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SignatoriesStream');
  private readonly clients = new Map<string, Set<StreamClient>>();
  private readonly refreshing = new Map<string, { again: boolean }>();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: SummaryCache,
    private readonly changes: SignatoryChanges,
  ) {}

  onModuleInit(): void {
    this.changes.listen((change) => {
      if (!change)
        this.refreshAll(); // reconnected: announcements may have been missed
      else if (this.clients.has(change.eventId)) {
        this.cache.forget(change.eventId); // whichever listener runs first, the refresh reads past the change
        this.refresh(change.eventId);
      }
    });
    this.heartbeat = setInterval(() => void this.beat(), this.config.sseHeartbeatSeconds * 1000);
    this.heartbeat.unref();
  }

  onModuleDestroy(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    // Open streams would keep the HTTP server from closing.
    for (const set of this.clients.values()) for (const client of set) client.raw.end();
    this.clients.clear();
  }

  /** Number of open streams in this process (for tests and metrics). */
  get size(): number {
    let n = 0;
    for (const set of this.clients.values()) n += set.size;
    return n;
  }

  /**
   * Takes over a response whose headers are already written: sends the current summary unless the client's
   * Last-Event-ID says it has it, then every change until the client goes away.
   */
  async attach(eventId: string, raw: ServerResponse, current: CachedSummary, lastEventId?: string): Promise<void> {
    const client: StreamClient = { raw, sentVersion: null };
    let set = this.clients.get(eventId);
    if (!set) this.clients.set(eventId, (set = new Set()));
    set.add(client);
    raw.on('close', () => {
      set.delete(client);
      if (set.size === 0 && this.clients.get(eventId) === set) this.clients.delete(eventId);
    });
    raw.write(`retry: 3000\n\n`);
    if (lastEventId?.trim() !== String(current.version)) this.send(client, current);
    else client.sentVersion = current.version;
    // A change that landed between reading `current` and joining the set was announced to nobody here.
    const version = await this.cache.version(eventId).catch(() => current.version);
    if (version > current.version) this.refresh(eventId);
  }

  private send(client: StreamClient, summary: CachedSummary): void {
    if (client.sentVersion !== null && summary.version <= client.sentVersion) return;
    client.sentVersion = summary.version;
    this.write(client, `id: ${summary.version}\nevent: summary\ndata: ${summary.body}\n\n`);
  }

  private write(client: StreamClient, chunk: string): void {
    if (client.raw.writableEnded || client.raw.destroyed) return;
    if (client.raw.writableLength > MAX_BUFFERED_BYTES) {
      client.raw.destroy();
      return;
    }
    client.raw.write(chunk);
  }

  /** Renders the event's summary once and writes it to its streams; bursts of changes coalesce into one more run. */
  private refresh(eventId: string): void {
    const running = this.refreshing.get(eventId);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    this.refreshing.set(eventId, state);
    void (async () => {
      try {
        do {
          state.again = false;
          const summary = await this.cache.get(eventId);
          for (const client of this.clients.get(eventId) ?? []) this.send(client, summary);
        } while (state.again);
      } catch (error) {
        this.logger.warn(`could not refresh the signatory stream of event ${eventId}: ${(error as Error).message}`);
      } finally {
        this.refreshing.delete(eventId);
      }
    })();
  }

  private refreshAll(): void {
    for (const eventId of this.clients.keys()) this.refresh(eventId);
  }

  /** A comment line keeps proxies from timing the stream out; the version check catches any lost message. */
  private async beat(): Promise<void> {
    for (const [eventId, set] of this.clients) {
      for (const client of set) this.write(client, `: heartbeat\n\n`);
      try {
        const version = await this.cache.version(eventId);
        const behind = [...set].some((c) => c.sentVersion === null || c.sentVersion < version);
        if (behind) {
          this.cache.forget(eventId);
          this.refresh(eventId);
        }
      } catch {
        // Redis unavailable: nothing to compare with; the next beat tries again.
      }
    }
  }
}
