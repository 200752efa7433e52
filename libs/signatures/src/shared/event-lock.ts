import type { EntityManager } from 'typeorm';
import { notFound } from '@accord/core';
import { Event } from '@accord/events';

/**
 * Serialises every change to an event's signatory record (signatures, instruments, milestones). Counting the goal,
 * numbering instruments and "one signature per party" must see every committed change before deciding, and a row
 * lock on the event is the simplest way to make them exact under concurrent requests. FOR NO KEY UPDATE, not FOR
 * UPDATE, so inserts elsewhere that merely reference the event (foreign keys) are not blocked.
 */
export async function lockEvent(manager: EntityManager, eventId: string): Promise<Event> {
  const event = await manager
    .createQueryBuilder(Event, 'e')
    .setLock('for_no_key_update')
    .where('e.id = :eventId', { eventId })
    .getOne();
  if (!event) throw notFound('Event', eventId);
  return event;
}
