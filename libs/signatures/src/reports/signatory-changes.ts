import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, redisOptions, type AppConfig } from '@accord/core';

/** A change to an event's signatory record: its new version (bumped in Redis at each change). */
export interface SignatoriesChanged {
  eventId: string;
  version: number;
}

/** Called with each change, or with null after a reconnection (messages may have been missed: resynchronise). */
export type ChangeListener = (change: SignatoriesChanged | null) => void;

/**
 * The pub/sub channel that tells every API process that an event's signatory record changed. Each process holds a
 * Redis connection of its own for it (a subscribing connection can do nothing else); SummaryCache.changed publishes.
 */
@Injectable()
export class SignatoryChanges implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SignatoryChanges');
  private readonly listeners: ChangeListener[] = [];
  /** The last version emitted per event, to drop the echo of this process's own announcements. */
  private readonly lastVersion = new Map<string, number>();
  private subscriber?: Redis;
  private connectedOnce = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get channel(): string {
    return `${this.config.queuePrefix}:signatories:changed`;
  }

  listen(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = new Redis(this.config.redisUrl, {
      ...redisOptions(this.config.redisUrl),
      // Subscribing waits for the connection (and is replayed after a reconnection) instead of failing.
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    this.subscriber.on('error', () => undefined); // reconnects by itself; readiness reports Redis outages
    this.subscriber.on('message', (_channel: string, message: string) => {
      let change: SignatoriesChanged;
      try {
        change = JSON.parse(message) as SignatoriesChanged;
      } catch {
        return;
      }
      this.emit(change);
    });
    this.subscriber.on('ready', () => {
      // Messages published while we were disconnected are lost: everyone resynchronises.
      if (this.connectedOnce) this.emit(null);
      this.connectedOnce = true;
    });
    const subscribed = this.subscriber.subscribe(this.channel).catch((error: Error) => {
      this.logger.warn(`could not subscribe to signatory changes: ${error.message}`);
    });
    // Be subscribed before serving when Redis is there; never hold start-up for it (the subscription is replayed).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([subscribed, new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)))]);
    clearTimeout(timer);
  }

  /** Also called by this process for its own changes, so they never wait for the round trip through Redis. */
  emit(change: SignatoriesChanged | null): void {
    if (change) {
      // This process hears its own announcements back from Redis, and the echo and the script's reply may arrive in
      // either order: a version already seen (or passed) is old news. Versions restart only with Redis, which drops
      // the subscription, and a reconnection clears what was seen.
      const seen = this.lastVersion.get(change.eventId);
      if (seen !== undefined && change.version <= seen) return;
      this.lastVersion.set(change.eventId, change.version);
    } else {
      this.lastVersion.clear();
    }
    for (const listener of this.listeners) listener(change);
  }

  onModuleDestroy(): void {
    this.subscriber?.disconnect();
  }
}
