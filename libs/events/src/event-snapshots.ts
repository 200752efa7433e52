import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { notFound } from '@accord/core';
import { Event } from './event.entity.js';
import { EventsService } from './events.service.js';

export interface EventSnapshot {
  event: Event;
  /** The row's xmin: PostgreSQL gives every new version of a row a new one, whoever wrote it and however. */
  version: string;
  /** Whether this came from memory (it may be out of date) rather than just now from PostgreSQL. */
  cached: boolean;
}

/** Plenty for the events of one deployment; beyond it the oldest copies are dropped. */
const MAX_COPIES = 500;

/**
 * Events kept in memory for the hottest writes: the public registration form and the signing table need the event
 * on every request (window, seats, time zone, goal) and events change rarely. A copy is never trusted blindly: its
 * user checks it against the row's version (xmin) in the same statement as its write or its read (the registration
 * statement writes nothing unless the event row still has the copy's version; the signature's context query
 * returns the version and `atVersion` reloads on a mismatch), so an edit made through another API process, or by
 * hand, costs one reload, never a write checked against old rules. Edits made through this process drop the copy
 * at once.
 */
@Injectable()
export class EventSnapshots implements OnModuleInit {
  private readonly copies = new Map<string, Omit<EventSnapshot, 'cached'>>();
  /**
   * Reads in progress of events with no copy: requests that need the same event at the same moment share one. When
   * the registration form opens on a process that has just started, every request needs the event at once.
   */
  private readonly loading = new Map<string, Promise<EventSnapshot>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventsService,
  ) {}

  onModuleInit(): void {
    this.events.onChange((eventId) => {
      this.copies.delete(eventId);
      this.loading.delete(eventId); // a read begun before the edit is not shared with the requests after it
    });
  }

  async get(eventId: string): Promise<EventSnapshot> {
    const copy = this.copies.get(eventId);
    if (copy) return { ...copy, cached: true };
    let load = this.loading.get(eventId);
    if (!load) {
      const started = this.reload(eventId).finally(() => {
        if (this.loading.get(eventId) === started) this.loading.delete(eventId);
      });
      this.loading.set(eventId, (load = started));
    }
    return load;
  }

  /** The event as of `version` (read by the caller from the row just now): the copy if it is that one, else reloaded. */
  async atVersion(eventId: string, version: string): Promise<Event> {
    const copy = this.copies.get(eventId);
    return copy?.version === version ? copy.event : (await this.reload(eventId)).event;
  }

  /** Reads the event from PostgreSQL (404 if it does not exist) and keeps the copy. */
  async reload(eventId: string): Promise<EventSnapshot> {
    const { entities, raw } = await this.dataSource.manager
      .createQueryBuilder(Event, 'e')
      .addSelect('e.xmin::text', 'version')
      .where('e.id = :eventId', { eventId })
      .getRawAndEntities<{ version: string }>();
    const event = entities[0];
    if (!event) {
      this.copies.delete(eventId);
      throw notFound('Event', eventId);
    }
    const copy = { event, version: raw[0]!.version };
    this.copies.delete(eventId);
    if (this.copies.size >= MAX_COPIES) this.copies.delete(this.copies.keys().next().value!);
    this.copies.set(eventId, copy);
    return { ...copy, cached: false };
  }
}
