import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '@accord/audit';
import { AppError, notFound, toZonedIso, validationFailed, type Caller } from '@accord/core';
import { Event } from '@accord/events';
import { isVisible } from '../sessions/programme.service.js';
import { Session } from '../sessions/session.entity.js';
import { atLocalTime, localDay, parseEventTime } from '../shared/event-time.js';
import { EXCLUSION_VIOLATION, pgError } from '../shared/pg-error.js';
import { ACTIVE_APPOINTMENT_STATUSES, SessionKind, SessionStatus } from '../shared/scheduling-kinds.js';
import { inTransaction } from '../shared/transaction.js';
import { loadAppointments, type LoadedAppointment } from './appointment-context.js';
import type { CreateSlotDto, GenerateSlotsDto } from './dto/slot-input.dto.js';
import { SigningAppointment } from './signing-appointment.entity.js';
import { SigningSlot } from './signing-slot.entity.js';
import { planSlots } from './slot-plan.js';

/** At most this many slots per generation request (a day of 1-minute slots is 1,440). */
export const MAX_GENERATED_SLOTS = 500;

export interface SlotsView {
  event: Event;
  slots: SigningSlot[];
  holders: Map<string, LoadedAppointment>;
}

/** The signing table's time slots, per signing session. */
@Injectable()
export class SigningSlotsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Caller, eventId: string, sessionId: string): Promise<SlotsView> {
    const event = await this.event(eventId);
    const session = await this.dataSource.manager.findOneBy(Session, { id: sessionId, eventId });
    if (!session || !isVisible(caller, session)) throw notFound('Session', sessionId);
    return this.view(event, sessionId);
  }

  private async view(event: Event, sessionId: string): Promise<SlotsView> {
    const slots = await this.dataSource.manager.find(SigningSlot, {
      where: { sessionId },
      order: { startsAt: 'ASC' },
    });
    return {
      event,
      slots,
      holders: await this.holders(
        this.dataSource.manager,
        slots.map((s) => s.id),
      ),
    };
  }

  /** "Every N minutes from HH:mm to HH:mm, with breaks", on the session's day. Slots already there are kept. */
  async generate(eventId: string, sessionId: string, dto: GenerateSlotsDto): Promise<SlotsView> {
    const event = await this.event(eventId);
    const tz = event.timeZone;
    await this.write(async (manager) => {
      const session = await this.lockSigningSession(manager, eventId, sessionId);
      const day = localDay(session.startsAt, tz);
      const from = dto.from ? atLocalTime(day, dto.from, tz) : session.startsAt;
      const until = dto.until ? atLocalTime(day, dto.until, tz) : session.endsAt;
      if (from >= until) throw validationFailed([{ field: 'until', message: 'until must be after from' }]);
      const breaks = (dto.breaks ?? []).map((b, i) => {
        const range = { start: atLocalTime(day, b.from, tz), end: atLocalTime(day, b.until, tz) };
        if (range.start >= range.end) {
          throw validationFailed([{ field: `breaks[${i}].until`, message: 'a break must end after it starts' }]);
        }
        return range;
      });
      if ((dto.slotMinutes ?? dto.everyMinutes) > dto.everyMinutes) {
        throw validationFailed([{ field: 'slotMinutes', message: 'slotMinutes must not exceed everyMinutes' }]);
      }
      this.assertInside(session, from, until, tz);
      const planned = planSlots(
        {
          from,
          until,
          everyMinutes: dto.everyMinutes,
          slotMinutes: dto.slotMinutes ?? dto.everyMinutes,
          breaks,
        },
        MAX_GENERATED_SLOTS,
      );
      if (planned.length > MAX_GENERATED_SLOTS) {
        throw validationFailed([
          { field: 'everyMinutes', message: `at most ${MAX_GENERATED_SLOTS} slots may be generated at once` },
        ]);
      }
      const existing = await manager.find(SigningSlot, { where: { sessionId } });
      const key = (s: { startsAt: Date; endsAt: Date }) => `${s.startsAt.getTime()}-${s.endsAt.getTime()}`;
      const have = new Set(existing.map(key));
      const added = planned.filter((s) => !have.has(key(s)));
      if (added.length) {
        await manager.insert(
          SigningSlot,
          added.map((s) => ({ eventId, sessionId, startsAt: s.startsAt, endsAt: s.endsAt })),
        );
      }
      await this.audit.record(manager, {
        action: 'session.slots_generated',
        entityType: 'session',
        entityId: sessionId,
        eventId,
        after: {
          slotsAdded: added.length,
          from: toZonedIso(from, tz),
          until: toZonedIso(until, tz),
          everyMinutes: dto.everyMinutes,
          slotMinutes: dto.slotMinutes ?? dto.everyMinutes,
          breaks: dto.breaks ?? [],
        },
      });
    });
    return this.view(event, sessionId);
  }

  async add(eventId: string, sessionId: string, dto: CreateSlotDto): Promise<SigningSlot> {
    const event = await this.event(eventId);
    const startsAt = parseEventTime(dto.startsAt, event.timeZone, 'startsAt');
    const endsAt = parseEventTime(dto.endsAt, event.timeZone, 'endsAt');
    if (endsAt <= startsAt) throw validationFailed([{ field: 'endsAt', message: 'endsAt must be after startsAt' }]);
    return this.write(async (manager) => {
      const session = await this.lockSigningSession(manager, eventId, sessionId);
      this.assertInside(session, startsAt, endsAt, event.timeZone);
      const slot = await manager.save(manager.create(SigningSlot, { eventId, sessionId, startsAt, endsAt }));
      await this.audit.record(manager, {
        action: 'session.slot_added',
        entityType: 'session',
        entityId: sessionId,
        eventId,
        after: {
          slotId: slot.id,
          startsAt: toZonedIso(startsAt, event.timeZone),
          endsAt: toZonedIso(endsAt, event.timeZone),
        },
      });
      return slot;
    });
  }

  /** Only a slot no appointment ever used (appointments keep their slot for the record). */
  async remove(eventId: string, sessionId: string, slotId: string): Promise<void> {
    const event = await this.event(eventId);
    await this.write(async (manager) => {
      await this.lockSigningSession(manager, eventId, sessionId);
      const slot = await manager.findOneBy(SigningSlot, { id: slotId, sessionId });
      if (!slot) throw notFound('Slot', slotId);
      if (await manager.existsBy(SigningAppointment, { slotId })) {
        throw new AppError(409, 'SIGNING.SLOT_IN_USE', 'An appointment uses (or used) this slot; it stays');
      }
      await manager.delete(SigningSlot, { id: slotId });
      await this.audit.record(manager, {
        action: 'session.slot_removed',
        entityType: 'session',
        entityId: sessionId,
        eventId,
        before: {
          slotId,
          startsAt: toZonedIso(slot.startsAt, event.timeZone),
          endsAt: toZonedIso(slot.endsAt, event.timeZone),
        },
      });
    });
  }

  /** The active appointment holding each slot. */
  async holders(manager: EntityManager, slotIds: string[]): Promise<Map<string, LoadedAppointment>> {
    if (slotIds.length === 0) return new Map();
    const active = await manager.find(SigningAppointment, {
      select: { id: true },
      where: { slotId: In(slotIds), status: In([...ACTIVE_APPOINTMENT_STATUSES]) },
    });
    const loaded = await loadAppointments(
      manager,
      active.map((a) => a.id),
    );
    return new Map(loaded.map((a) => [a.slotId, a]));
  }

  private assertInside(session: Session, from: Date, until: Date, timeZone: string): void {
    if (from < session.startsAt || until > session.endsAt) {
      throw new AppError(422, 'SIGNING.SLOTS_OUTSIDE_SESSION', 'Slots must lie within their signing session', {
        sessionStartsAt: toZonedIso(session.startsAt, timeZone),
        sessionEndsAt: toZonedIso(session.endsAt, timeZone),
      });
    }
  }

  private async lockSigningSession(manager: EntityManager, eventId: string, sessionId: string): Promise<Session> {
    const session = await manager.findOne(Session, {
      where: { id: sessionId, eventId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!session) throw notFound('Session', sessionId);
    if (session.kind !== SessionKind.Signing) {
      throw new AppError(409, 'SESSION.NOT_SIGNING', 'Slots belong to signing sessions');
    }
    if (session.status === SessionStatus.Cancelled) {
      throw new AppError(409, 'SESSION.CANCELLED', 'The session is cancelled');
    }
    return session;
  }

  private async event(eventId: string): Promise<Event> {
    const event = await this.dataSource.manager.findOneBy(Event, { id: eventId });
    if (!event) throw notFound('Event', eventId);
    return event;
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(this.dataSource, work);
    } catch (error) {
      if (pgError(error).code === EXCLUSION_VIOLATION) {
        throw new AppError(409, 'SIGNING.SLOT_OVERLAP', 'A slot would overlap another slot of the session');
      }
      throw error;
    }
  }
}
