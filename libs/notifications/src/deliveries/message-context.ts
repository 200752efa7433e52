import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EventFacts } from '../email/email-template.js';
import type { NotificationKind } from '../notification-kinds.js';
import { rows } from '../sql.js';

export interface MessageFacts {
  id: string;
  kind: NotificationKind;
  eventId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

/** A small map that forgets its oldest entries, so a long-running worker stays small. */
class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
  constructor(
    private readonly size: number,
    private readonly ttlMs: number,
  ) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > Date.now()) return hit.value;
    const value = await load();
    this.entries.delete(key);
    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}

/**
 * What every delivery of a message shares: the message's data (immutable once written) and its event. Cached
 * briefly, so a fan-out to thousands reads them once, not once per recipient (and never the recipient list).
 */
@Injectable()
export class MessageContext {
  private readonly messages = new BoundedCache<MessageFacts | null>(200, 10 * 60_000);
  private readonly events = new BoundedCache<EventFacts | null>(50, 30_000);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  message(id: string): Promise<MessageFacts | null> {
    return this.messages.get(id, async () => {
      const [message] = await rows<MessageFacts>(
        this.dataSource,
        `SELECT id, kind, event_id AS "eventId", data, created_at AS "createdAt" FROM outbox_messages WHERE id = $1`,
        [id],
      );
      return message ?? null;
    });
  }

  event(id: string | null): Promise<EventFacts | null> {
    if (!id) return Promise.resolve(null);
    return this.events.get(id, async () => {
      const [event] = await rows<EventFacts>(
        this.dataSource,
        `SELECT id, name, treaty_short_title AS "treatyShortTitle", venue, city, time_zone AS "timeZone"
         FROM events WHERE id = $1`,
        [id],
      );
      return event ?? null;
    });
  }
}
