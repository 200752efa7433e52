import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '@accord/audit';
import { AppError, notFound, toZonedIso, validationFailed, type Caller } from '@accord/core';
import { Delegation, DelegationStatus, isPartyKind } from '@accord/delegations';
import { Event } from '@accord/events';
import { Session } from '../sessions/session.entity.js';
import { EXCLUSION_VIOLATION, pgError, UNIQUE_VIOLATION } from '../shared/pg-error.js';
import { SchedulingClock } from '../shared/scheduling-clock.js';
import { AppointmentStatus, SessionStatus, SessionVisibility } from '../shared/scheduling-kinds.js';
import { inTransaction } from '../shared/transaction.js';
import { loadAppointments, type LoadedAppointment } from './appointment-context.js';
import { AppointmentNotifier, type Interval } from './appointment-notifier.js';
import type { AppointmentOutcomeDto } from './dto/appointment-input.dto.js';
import { RunningOrderEntryDto } from './dto/appointment.dto.js';
import { FULL_POWERS_STATUS_SOURCE, fullPowersTableSource, type FullPowersStatusSource } from './full-powers-status.js';
import { SigningAppointment } from './signing-appointment.entity.js';
import { SigningSlot } from './signing-slot.entity.js';

const { Booked, Done, Missed, Rescheduled, Cancelled } = AppointmentStatus;

export interface AppointmentFilter {
  sessionId?: string;
  status?: AppointmentStatus;
}

/** The fields of an appointment worth an audit entry. */
function snapshot(a: SigningAppointment, slot: Interval | undefined, timeZone: string) {
  return {
    delegationId: a.delegationId,
    slotId: a.slotId,
    status: a.status,
    ...(slot ? { startsAt: toZonedIso(slot.startsAt, timeZone), endsAt: toZonedIso(slot.endsAt, timeZone) } : {}),
    note: a.note,
  };
}

const slotTaken = () => new AppError(409, 'SIGNING.SLOT_TAKEN', 'Another delegation has this slot; choose a free one');

/**
 * Signing appointments: an approved State or REIO holds at most one slot at the signing table, and a slot holds at
 * most one delegation. Both rules are constraints on the active rows (so concurrent requests cannot break them);
 * the service takes its locks in one order (delegation, session, slot, appointment) and answers a refused booking
 * with a 409 that says why.
 */
@Injectable()
export class SigningAppointmentsService {
  private readonly fullPowers: FullPowersStatusSource;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifier: AppointmentNotifier,
    private readonly clock: SchedulingClock,
    @Optional() @Inject(FULL_POWERS_STATUS_SOURCE) fullPowers?: FullPowersStatusSource,
  ) {
    this.fullPowers = fullPowers ?? fullPowersTableSource;
  }

  async event(eventId: string): Promise<Event> {
    const event = await this.dataSource.manager.findOneBy(Event, { id: eventId });
    if (!event) throw notFound('Event', eventId);
    return event;
  }

  /** A focal point books for its own delegation; organisers name the delegation. */
  async book(caller: Caller, eventId: string, slotId: string, delegationId?: string): Promise<LoadedAppointment> {
    const event = await this.event(eventId);
    const forDelegation = caller.kind === 'focal-point' ? caller.delegationId : delegationId;
    if (!forDelegation) {
      throw validationFailed([{ field: 'delegationId', message: 'organisers must name the delegation' }]);
    }
    if (caller.kind === 'focal-point' && delegationId && delegationId !== caller.delegationId) {
      throw notFound('Delegation', delegationId);
    }
    return this.write(async (manager) => {
      const delegation = await this.lockEligibleDelegation(manager, eventId, forDelegation);
      const existing = await manager.findOne(SigningAppointment, {
        where: { eventId, delegationId: delegation.id, status: In([Booked, Done]) },
      });
      if (existing) throw alreadyBooked(existing);
      const slot = await this.lockFreeSlot(manager, caller, event, slotId);
      const appointment = await manager.save(
        manager.create(SigningAppointment, {
          eventId,
          delegationId: delegation.id,
          slotId: slot.id,
          status: Booked,
          bookedByKind: caller.kind === 'organiser' ? 'organiser' : 'focal-point',
          bookedBy: caller.kind === 'organiser' ? caller.userId : null,
        }),
      );
      await this.audit.record(manager, {
        action: 'appointment.booked',
        entityType: 'signing_appointment',
        entityId: appointment.id,
        eventId,
        after: snapshot(appointment, slot, event.timeZone),
      });
      const [loaded] = await loadAppointments(manager, [appointment.id]);
      await this.notifier.booked(manager, event, loaded!);
      return loaded!;
    });
  }

  /** Moves a booked appointment to a free slot (of any signing session of the event). */
  async move(caller: Caller, eventId: string, appointmentId: string, slotId: string): Promise<LoadedAppointment> {
    const event = await this.event(eventId);
    return this.write(async (manager) => {
      const target = await manager.findOneBy(SigningSlot, { id: slotId, eventId });
      const a = await this.lockAppointment(manager, caller, eventId, appointmentId, [target?.sessionId]);
      if (a.status !== Booked) throw notBooked(a);
      if (a.slotId === slotId) return a;
      if (caller.kind === 'focal-point' && a.slot.startsAt <= this.clock.now()) {
        throw new AppError(409, 'SIGNING.APPOINTMENT_PASSED', 'The appointment time has passed; ask the organisers');
      }
      const slot = await this.lockFreeSlot(manager, caller, event, slotId);
      const from = { startsAt: a.slot.startsAt, endsAt: a.slot.endsAt };
      const before = snapshot(a, from, event.timeZone);
      await manager.update(SigningAppointment, { id: a.id }, { slotId: slot.id, sequence: () => 'sequence + 1' });
      const [moved] = await loadAppointments(manager, [a.id]);
      await this.audit.record(manager, {
        action: 'appointment.moved',
        entityType: 'signing_appointment',
        entityId: a.id,
        eventId,
        before,
        after: snapshot(moved!, moved!.slot, event.timeZone),
      });
      await this.notifier.moved(manager, event, moved!, from, 'moved');
      return moved!;
    });
  }

  async cancel(
    caller: Caller,
    eventId: string,
    appointmentId: string,
    reason: string | null,
  ): Promise<LoadedAppointment> {
    const event = await this.event(eventId);
    return this.write(async (manager) => {
      const a = await this.lockAppointment(manager, caller, eventId, appointmentId);
      if (a.status === Cancelled) return a;
      if (a.status !== Booked) throw notBooked(a);
      const before = snapshot(a, a.slot, event.timeZone);
      const note = reason?.trim() || null;
      await manager.update(
        SigningAppointment,
        { id: a.id },
        { status: Cancelled, closedAt: this.clock.now(), note, sequence: () => 'sequence + 1' },
      );
      const [cancelled] = await loadAppointments(manager, [a.id]);
      await this.audit.record(manager, {
        action: 'appointment.cancelled',
        entityType: 'signing_appointment',
        entityId: a.id,
        eventId,
        before,
        after: snapshot(cancelled!, cancelled!.slot, event.timeZone),
      });
      await this.notifier.cancelled(manager, event, cancelled!, 'cancelled', note);
      return cancelled!;
    });
  }

  /**
   * The signing table's record: done (signed), missed (did not come) or rescheduled (gave up the slot; with
   * `slotId`, a new appointment in that slot replaces it at once).
   */
  async recordOutcome(
    caller: Caller,
    eventId: string,
    appointmentId: string,
    dto: AppointmentOutcomeDto,
  ): Promise<LoadedAppointment> {
    const event = await this.event(eventId);
    if (dto.slotId && dto.outcome !== Rescheduled) {
      throw validationFailed([{ field: 'slotId', message: 'slotId goes with the outcome rescheduled only' }]);
    }
    return this.write(async (manager) => {
      const target = dto.slotId ? await manager.findOneBy(SigningSlot, { id: dto.slotId, eventId }) : null;
      const a = await this.lockAppointment(manager, caller, eventId, appointmentId, [target?.sessionId]);
      const allowed: Record<typeof dto.outcome, AppointmentStatus[]> = {
        [Done]: [Booked, Missed],
        [Missed]: [Booked],
        [Rescheduled]: [Booked, Missed],
      };
      if (a.status === dto.outcome && !dto.slotId) return a;
      if (!allowed[dto.outcome].includes(a.status)) {
        throw new AppError(
          409,
          'SIGNING.INVALID_OUTCOME',
          `A ${a.status} appointment cannot be marked ${dto.outcome}`,
          { appointmentStatus: a.status, outcome: dto.outcome },
        );
      }
      const note = dto.note === undefined ? a.note : dto.note?.trim() || null;
      const before = snapshot(a, a.slot, event.timeZone);
      await manager.update(
        SigningAppointment,
        { id: a.id },
        { status: dto.outcome, closedAt: this.clock.now(), note, sequence: () => 'sequence + 1' },
      );
      const [closed] = await loadAppointments(manager, [a.id]);
      await this.audit.record(manager, {
        action: `appointment.${dto.outcome}`,
        entityType: 'signing_appointment',
        entityId: a.id,
        eventId,
        before,
        after: snapshot(closed!, closed!.slot, event.timeZone),
      });
      if (dto.outcome !== Rescheduled) {
        await this.notifier.dropReminders(manager, a.id);
        return closed!;
      }
      if (!dto.slotId) {
        await this.notifier.cancelled(manager, event, closed!, 'rescheduled', note);
        return closed!;
      }
      const slot = await this.lockFreeSlot(manager, caller, event, dto.slotId);
      const replacement = await manager.save(
        manager.create(SigningAppointment, {
          eventId,
          delegationId: a.delegationId,
          slotId: slot.id,
          status: Booked,
          bookedByKind: 'organiser',
          bookedBy: caller.kind === 'organiser' ? caller.userId : null,
          rescheduledFromId: a.id,
        }),
      );
      const [loaded] = await loadAppointments(manager, [replacement.id]);
      await this.audit.record(manager, {
        action: 'appointment.booked',
        entityType: 'signing_appointment',
        entityId: replacement.id,
        eventId,
        after: { ...snapshot(loaded!, loaded!.slot, event.timeZone), rescheduledFromId: a.id },
      });
      await this.notifier.moved(manager, event, loaded!, a.slot, 'rescheduled', a.id);
      return loaded!;
    });
  }

  /**
   * Sets the running order of a signing session: the booked appointments, listed in the new order, take the slots
   * they hold between them in time order (one UPDATE; the one-per-slot constraint is checked at its end).
   */
  async reorder(eventId: string, sessionId: string, appointmentIds: string[]): Promise<RunningOrderEntryDto[]> {
    const event = await this.event(eventId);
    await this.write(async (manager) => {
      const session = await manager.findOne(Session, {
        where: { id: sessionId, eventId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!session) throw notFound('Session', sessionId);
      const booked = await manager
        .createQueryBuilder(SigningAppointment, 'a')
        .innerJoinAndSelect('a.slot', 's')
        .setLock('pessimistic_write', undefined, ['a'])
        .where('s.session_id = :sessionId AND a.status = :booked', { sessionId, booked: Booked })
        .getMany();
      const known = new Set(booked.map((a) => a.id));
      const missing = booked.filter((a) => !appointmentIds.includes(a.id)).map((a) => a.id);
      const unknown = appointmentIds.filter((id) => !known.has(id));
      if (missing.length || unknown.length) {
        throw new AppError(
          409,
          'SIGNING.REORDER_MISMATCH',
          'List every booked appointment of the session exactly once',
          { missing, unknown },
        );
      }
      const slots = booked.map((a) => a.slot!).sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime());
      const byId = new Map(booked.map((a) => [a.id, a]));
      const changes = appointmentIds
        .map((id, i) => ({ appointment: byId.get(id)!, slot: slots[i]! }))
        .filter((c) => c.appointment.slotId !== c.slot.id);
      if (changes.length === 0) return;
      await manager.query(
        `UPDATE signing_appointments a SET slot_id = v.slot_id, sequence = a.sequence + 1, updated_at = now()
           FROM unnest($1::uuid[], $2::uuid[]) AS v(id, slot_id) WHERE a.id = v.id`,
        [changes.map((c) => c.appointment.id), changes.map((c) => c.slot.id)],
      );
      const loaded = await loadAppointments(
        manager,
        changes.map((c) => c.appointment.id),
      );
      for (const moved of loaded) {
        const previous = byId.get(moved.id)!.slot!;
        await this.audit.record(manager, {
          action: 'appointment.reordered',
          entityType: 'signing_appointment',
          entityId: moved.id,
          eventId,
          before: snapshot(byId.get(moved.id)!, previous, event.timeZone),
          after: snapshot(moved, moved.slot, event.timeZone),
        });
        await this.notifier.moved(manager, event, moved, previous, 'reordered');
      }
    });
    return this.runningOrder(eventId, sessionId);
  }

  /**
   * For the signatures library, inside its transaction: the delegation has signed, so its booked appointment is
   * done. Returns the appointment, or null when the delegation signed without one (later, at the depositary).
   * Never throws for a missing or closed appointment: recording a signature must not depend on the timetable.
   */
  async markDoneForDelegation(
    manager: EntityManager,
    eventId: string,
    delegationId: string,
  ): Promise<SigningAppointment | null> {
    const a = await manager.findOne(SigningAppointment, {
      where: { eventId, delegationId, status: In([Booked, Done]) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!a) return null;
    if (a.status === Done) return a;
    await manager.update(
      SigningAppointment,
      { id: a.id },
      { status: Done, closedAt: this.clock.now(), sequence: () => 'sequence + 1' },
    );
    const event = await manager.findOneByOrFail(Event, { id: eventId });
    const slot = await manager.findOneByOrFail(SigningSlot, { id: a.slotId });
    await this.audit.record(manager, {
      action: 'appointment.done',
      entityType: 'signing_appointment',
      entityId: a.id,
      eventId,
      before: snapshot(a, slot, event.timeZone),
      after: { ...snapshot(a, slot, event.timeZone), status: Done },
    });
    await this.notifier.dropReminders(manager, a.id);
    return manager.findOneByOrFail(SigningAppointment, { id: a.id });
  }

  /** A focal point sees its own delegation's appointments; organisers everyone's. In time order. */
  async list(caller: Caller, eventId: string, filter: AppointmentFilter): Promise<LoadedAppointment[]> {
    await this.event(eventId);
    const qb = this.dataSource.manager
      .createQueryBuilder(SigningAppointment, 'a')
      .innerJoin('a.slot', 's')
      .select('a.id', 'id')
      .where('a.event_id = :eventId', { eventId })
      .orderBy('s.starts_at', 'ASC')
      .addOrderBy('a.created_at', 'ASC');
    if (caller.kind === 'focal-point') qb.andWhere('a.delegation_id = :d', { d: caller.delegationId });
    if (filter.sessionId) qb.andWhere('s.session_id = :sessionId', { sessionId: filter.sessionId });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    const ids = (await qb.getRawMany<{ id: string }>()).map((r) => r.id);
    return loadAppointments(this.dataSource.manager, ids);
  }

  async get(caller: Caller, eventId: string, appointmentId: string): Promise<LoadedAppointment> {
    await this.event(eventId);
    const [a] = await loadAppointments(this.dataSource.manager, [appointmentId]);
    if (!a || a.eventId !== eventId || (caller.kind === 'focal-point' && a.delegationId !== caller.delegationId)) {
      throw notFound('Appointment', appointmentId);
    }
    return a;
  }

  /**
   * The signing table's running order: booked, done and missed appointments in time order (of one session or of
   * the whole event), with the signatory and the party's full-powers status.
   */
  async runningOrder(eventId: string, sessionId?: string): Promise<RunningOrderEntryDto[]> {
    const event = await this.event(eventId);
    const qb = this.dataSource.manager
      .createQueryBuilder(SigningAppointment, 'a')
      .innerJoin('a.slot', 's')
      .select('a.id', 'id')
      .where('a.event_id = :eventId AND a.status IN (:...statuses)', { eventId, statuses: [Booked, Done, Missed] })
      .orderBy('s.starts_at', 'ASC')
      .addOrderBy('a.created_at', 'ASC');
    if (sessionId) qb.andWhere('s.session_id = :sessionId', { sessionId });
    const ids = (await qb.getRawMany<{ id: string }>()).map((r) => r.id);
    const appointments = await loadAppointments(this.dataSource.manager, ids);
    const participantIds = [
      ...new Set(appointments.map((a) => a.delegation.participantId).filter((p): p is string => !!p)),
    ];
    const statuses = await this.fullPowers.statuses(this.dataSource.manager, eventId, participantIds);
    return appointments.map((a, i) =>
      RunningOrderEntryDto.from(
        a,
        i + 1,
        event.timeZone,
        a.delegation.participantId ? (statuses.get(a.delegation.participantId) ?? null) : null,
      ),
    );
  }

  /**
   * A signing session moved by `deltaMs`: its slots move with it (checked to stay inside it), and each booked
   * appointment is told its new time and gets new reminders. Call with the session's row locked.
   */
  async shiftWithSession(
    manager: EntityManager,
    event: Event,
    session: Pick<Session, 'id' | 'startsAt' | 'endsAt'>,
    deltaMs: number,
  ): Promise<void> {
    const slots = await manager.find(SigningSlot, { where: { sessionId: session.id } });
    const outside = slots.filter(
      (s) =>
        s.startsAt.getTime() + deltaMs < session.startsAt.getTime() ||
        s.endsAt.getTime() + deltaMs > session.endsAt.getTime(),
    );
    if (outside.length) {
      throw new AppError(
        409,
        'SESSION.SLOTS_OUTSIDE',
        `${outside.length} signing slots would fall outside the session; remove them or keep its length`,
        { slotIds: outside.map((s) => s.id) },
      );
    }
    if (deltaMs === 0 || slots.length === 0) return;
    await manager.query(
      `UPDATE signing_slots SET starts_at = starts_at + $2 * interval '1 millisecond',
              ends_at = ends_at + $2 * interval '1 millisecond' WHERE session_id = $1`,
      [session.id, deltaMs],
    );
    const booked = await manager
      .createQueryBuilder(SigningAppointment, 'a')
      .innerJoin('a.slot', 's')
      .select('a.id', 'id')
      .where('s.session_id = :sessionId AND a.status = :booked', { sessionId: session.id, booked: Booked })
      .getRawMany<{ id: string }>();
    if (booked.length === 0) return;
    const ids = booked.map((b) => b.id);
    await manager.update(SigningAppointment, { id: In(ids) }, { sequence: () => 'sequence + 1' });
    for (const a of await loadAppointments(manager, ids)) {
      const from = {
        startsAt: new Date(a.slot.startsAt.getTime() - deltaMs),
        endsAt: new Date(a.slot.endsAt.getTime() - deltaMs),
      };
      await this.audit.record(manager, {
        action: 'appointment.moved',
        entityType: 'signing_appointment',
        entityId: a.id,
        eventId: event.id,
        before: snapshot(a, from, event.timeZone),
        after: snapshot(a, a.slot, event.timeZone),
      });
      await this.notifier.moved(manager, event, a, from, 'session_moved');
    }
  }

  /** A signing session was cancelled: its booked appointments are cancelled and their delegations told. */
  async cancelWithSession(
    manager: EntityManager,
    event: Event,
    sessionId: string,
    reason: string | null,
  ): Promise<void> {
    const booked = await manager
      .createQueryBuilder(SigningAppointment, 'a')
      .innerJoin('a.slot', 's')
      .select('a.id', 'id')
      .where('s.session_id = :sessionId AND a.status = :booked', { sessionId, booked: Booked })
      .getRawMany<{ id: string }>();
    if (booked.length === 0) return;
    const ids = booked.map((b) => b.id);
    await manager.update(
      SigningAppointment,
      { id: In(ids) },
      { status: Cancelled, closedAt: this.clock.now(), note: reason, sequence: () => 'sequence + 1' },
    );
    for (const a of await loadAppointments(manager, ids)) {
      await this.audit.record(manager, {
        action: 'appointment.cancelled',
        entityType: 'signing_appointment',
        entityId: a.id,
        eventId: event.id,
        before: { ...snapshot(a, a.slot, event.timeZone), status: Booked },
        after: snapshot(a, a.slot, event.timeZone),
      });
      await this.notifier.cancelled(manager, event, a, 'session_cancelled', reason);
    }
  }

  /** Locks the delegation (shared: its status cannot change meanwhile) and checks it may sign. */
  private async lockEligibleDelegation(manager: EntityManager, eventId: string, delegationId: string) {
    const delegation = await manager.findOne(Delegation, {
      where: { id: delegationId, eventId },
      lock: { mode: 'pessimistic_read' },
    });
    if (!delegation) throw notFound('Delegation', delegationId);
    if (!isPartyKind(delegation.kind)) {
      throw new AppError(
        422,
        'SIGNING.NOT_A_PARTY',
        'Only States and regional economic integration organisations sign the treaty',
        { kind: delegation.kind },
      );
    }
    if (delegation.status !== DelegationStatus.Approved) {
      throw new AppError(
        422,
        'SIGNING.DELEGATION_NOT_APPROVED',
        `Only approved delegations book a signing appointment (this one is ${delegation.status})`,
        { delegationStatus: delegation.status },
      );
    }
    return delegation;
  }

  /**
   * Locks a free slot: its session first (KEY SHARE: the session cannot be moved or cancelled meanwhile, while
   * other bookings go on), then the slot itself (FOR UPDATE: bookings of one slot queue up and the second sees
   * the first).
   */
  private async lockFreeSlot(
    manager: EntityManager,
    caller: Caller,
    event: Event,
    slotId: string,
  ): Promise<SigningSlot> {
    const found = await manager.findOneBy(SigningSlot, { id: slotId, eventId: event.id });
    if (!found) throw notFound('Slot', slotId);
    const session = await this.keyShareSession(manager, found.sessionId);
    const organiser = caller.kind === 'organiser';
    if (!organiser && (session.status === SessionStatus.Draft || session.visibility !== SessionVisibility.Public)) {
      throw notFound('Slot', slotId);
    }
    if (session.status === SessionStatus.Cancelled) {
      throw new AppError(409, 'SIGNING.SESSION_CANCELLED', 'The signing session of this slot is cancelled');
    }
    const slot = await manager.findOneOrFail(SigningSlot, {
      where: { id: slotId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!organiser && slot.startsAt <= this.clock.now()) {
      throw new AppError(409, 'SIGNING.SLOT_PASSED', 'This slot has already passed');
    }
    const holder = await manager.findOne(SigningAppointment, { where: { slotId, status: In([Booked, Done]) } });
    if (holder) throw slotTaken();
    return slot;
  }

  private async keyShareSession(manager: EntityManager, sessionId: string): Promise<Session> {
    const session = await manager
      .createQueryBuilder(Session, 's')
      .setLock('for_key_share')
      .where('s.id = :sessionId', { sessionId })
      .getOneOrFail();
    return session;
  }

  /**
   * Locks an appointment the caller may see, after KEY SHARE locks on its session and on any other session the
   * change involves (in id order), so the lock order matches a session change's (session, then appointments).
   */
  private async lockAppointment(
    manager: EntityManager,
    caller: Caller,
    eventId: string,
    appointmentId: string,
    otherSessionIds: (string | undefined)[] = [],
  ): Promise<LoadedAppointment> {
    const [seen] = await loadAppointments(manager, [appointmentId]);
    if (
      !seen ||
      seen.eventId !== eventId ||
      (caller.kind === 'focal-point' && seen.delegationId !== caller.delegationId)
    ) {
      throw notFound('Appointment', appointmentId);
    }
    const sessions = [...new Set([seen.slot.sessionId, ...otherSessionIds.filter((s): s is string => !!s)])].sort();
    for (const sessionId of sessions) await this.keyShareSession(manager, sessionId);
    const locked = await manager.findOne(SigningAppointment, {
      where: { id: appointmentId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!locked || locked.slotId !== seen.slotId || locked.status !== seen.status) {
      throw new AppError(409, 'SIGNING.CHANGED', 'The appointment changed meanwhile; read it again and retry');
    }
    return seen;
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(this.dataSource, work);
    } catch (error) {
      const { code, constraint } = pgError(error);
      if (code === UNIQUE_VIOLATION && constraint === 'signing_appointments_one_per_delegation') {
        throw new AppError(409, 'SIGNING.ALREADY_BOOKED', 'The delegation already has a signing appointment');
      }
      if (code === EXCLUSION_VIOLATION && constraint === 'signing_appointments_one_per_slot') throw slotTaken();
      throw error;
    }
  }
}

function alreadyBooked(existing: SigningAppointment): AppError {
  return new AppError(
    409,
    'SIGNING.ALREADY_BOOKED',
    'The delegation already has a signing appointment; move it instead',
    { appointmentId: existing.id },
  );
}

function notBooked(a: SigningAppointment): AppError {
  return new AppError(409, 'SIGNING.NOT_BOOKED', `The appointment is ${a.status}, not booked`, {
    appointmentStatus: a.status,
  });
}
