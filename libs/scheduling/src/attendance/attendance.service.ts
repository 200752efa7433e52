import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '@accord/audit';
import { AppError, notFound, toZonedIso, type Caller } from '@accord/core';
import { DelegationMember, DelegationStatus } from '@accord/delegations';
import { Event } from '@accord/events';
import { OutboxService } from '@accord/notifications';
import { isVisible } from '../sessions/programme.service.js';
import { sessionFacts } from '../sessions/session-notifier.js';
import { Session } from '../sessions/session.entity.js';
import { pgError, UNIQUE_VIOLATION } from '../shared/pg-error.js';
import { recipientsFor } from '../shared/recipients.js';
import { KeyedQueue } from '../shared/keyed-queue.js';
import { SchedulingClock } from '../shared/scheduling-clock.js';
import { AttendanceStatus, SessionStatus } from '../shared/scheduling-kinds.js';
import { SessionAttendee } from './session-attendee.entity.js';

const ACTIVE = [AttendanceStatus.Registered, AttendanceStatus.Waitlisted];

/** An attendee with its place on the waitlist (null when it holds a seat). */
export interface AttendeeWithPosition {
  attendee: SessionAttendee;
  waitlistPosition: number | null;
}

const snapshot = (a: SessionAttendee) => ({
  sessionId: a.sessionId,
  memberId: a.memberId,
  delegationId: a.delegationId,
  status: a.status,
});

/**
 * Seats in sessions. Every change locks the session's row first, so requests for one session are decided one at a
 * time against an exact count (and the database's own CHECK on the trigger-kept count is the backstop). Within a
 * process they also queue in memory (KeyedQueue) rather than in the connection pool. A freed seat goes to the
 * longest-waiting request, in the same transaction that frees it.
 */
@Injectable()
export class AttendanceService {
  private readonly seatQueue = new KeyedQueue();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: SchedulingClock,
  ) {}

  async register(caller: Caller, eventId: string, sessionId: string, memberId: string): Promise<AttendeeWithPosition> {
    const event = await this.event(eventId);
    const member = await this.dataSource.manager.findOne(DelegationMember, {
      where: { id: memberId },
      relations: { delegation: { participant: true } },
    });
    const delegation = member?.delegation;
    if (
      !member ||
      !delegation ||
      delegation.eventId !== eventId ||
      (caller.kind === 'focal-point' && caller.delegationId !== delegation.id)
    ) {
      throw notFound('Member', memberId);
    }
    if (delegation.status !== DelegationStatus.Approved) {
      throw new AppError(
        422,
        'ATTENDANCE.DELEGATION_NOT_APPROVED',
        `Only approved delegations register for sessions (this one is ${delegation.status})`,
      );
    }
    let attendee: SessionAttendee;
    try {
      // Only what decides the seat runs under the session's lock: requests for one session queue up here.
      attendee = await this.seatQueue.run(sessionId, () =>
        this.dataSource.transaction(async (manager) => {
          const session = await this.lockSession(manager, caller, eventId, sessionId);
          if (session.status !== SessionStatus.Published) {
            throw new AppError(409, 'SESSION.NOT_OPEN', `Registration opens when the session is published`);
          }
          if (session.endsAt <= this.clock.now()) throw new AppError(409, 'SESSION.ENDED', 'The session has ended');
          let taken = session.seatsTaken;
          // Seats freed without a promotion (a member deleted with their delegation) go to the waitlist first.
          if (taken < session.capacity && (await this.fillFromWaitlist(manager, event, session.id)).length) {
            taken = (await this.seats(manager, sessionId)).taken;
          }
          const existing = await manager.findOne(SessionAttendee, {
            where: { sessionId, memberId, status: In(ACTIVE) },
          });
          if (existing) throw alreadyRegistered(existing);
          const cap = session.maxPerDelegation;
          if (cap !== null && (await this.delegationSeats(manager, sessionId, delegation.id)) >= cap) {
            throw new AppError(
              409,
              'ATTENDANCE.DELEGATION_CAP_REACHED',
              `A delegation may take at most ${cap} seats in this session`,
              { maxPerDelegation: cap },
            );
          }
          const status = taken < session.capacity ? AttendanceStatus.Registered : AttendanceStatus.Waitlisted;
          const created = await manager.save(
            manager.create(SessionAttendee, { sessionId, memberId, delegationId: delegation.id, status }),
          );
          await this.audit.record(manager, {
            action: `attendance.${status}`,
            entityType: 'session_attendee',
            entityId: created.id,
            eventId,
            after: snapshot(created),
          });
          return created;
        }),
      );
    } catch (error) {
      const { code, constraint } = pgError(error);
      if (code === UNIQUE_VIOLATION && constraint === 'session_attendees_once') {
        throw new AppError(
          409,
          'ATTENDANCE.ALREADY_REGISTERED',
          'This member already has a seat or a place on the waitlist',
        );
      }
      throw error;
    }
    attendee.member = member;
    attendee.delegation = delegation;
    return { attendee, waitlistPosition: await this.waitlistPosition(this.dataSource.manager, attendee) };
  }

  /** Gives up a seat (or a place on the waitlist); a freed seat goes to the next in line at once. */
  async cancel(caller: Caller, eventId: string, sessionId: string, attendeeId: string): Promise<void> {
    const event = await this.event(eventId);
    await this.seatQueue.run(sessionId, () =>
      this.dataSource.transaction(async (manager) => {
        await this.lockSession(manager, caller, eventId, sessionId);
        const attendee = await manager.findOneBy(SessionAttendee, { id: attendeeId, sessionId });
        if (!attendee || (caller.kind === 'focal-point' && attendee.delegationId !== caller.delegationId)) {
          throw notFound('Attendee', attendeeId);
        }
        if (attendee.status === AttendanceStatus.Cancelled) return;
        const before = snapshot(attendee);
        await manager.update(
          SessionAttendee,
          { id: attendee.id },
          { status: AttendanceStatus.Cancelled, cancelledAt: this.clock.now() },
        );
        await this.audit.record(manager, {
          action: 'attendance.cancelled',
          entityType: 'session_attendee',
          entityId: attendee.id,
          eventId,
          before,
          after: { ...before, status: AttendanceStatus.Cancelled },
        });
        await this.fillFromWaitlist(manager, event, sessionId);
      }),
    );
  }

  /** Organisers see everyone; a focal point its own delegation's requests. Seats first, then the waitlist in order. */
  async list(caller: Caller, eventId: string, sessionId: string): Promise<AttendeeWithPosition[]> {
    await this.event(eventId);
    const session = await this.dataSource.manager.findOneBy(Session, { id: sessionId, eventId });
    if (!session || !isVisible(caller, session)) throw notFound('Session', sessionId);
    const rows = await this.dataSource.manager.find(SessionAttendee, {
      where: {
        sessionId,
        status: In(ACTIVE),
        ...(caller.kind === 'focal-point' ? { delegationId: caller.delegationId } : {}),
      },
      relations: { member: true, delegation: { participant: true } },
    });
    const queue = await this.queue(this.dataSource.manager, sessionId);
    const position = new Map(queue.map((id, i) => [id, i + 1]));
    return rows
      .map((attendee) => ({ attendee, waitlistPosition: position.get(attendee.id) ?? null }))
      .sort(
        (a, b) =>
          (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0) ||
          a.attendee.requestedAt.getTime() - b.attendee.requestedAt.getTime(),
      );
  }

  /**
   * Promotes waitlisted requests, longest-waiting first, while seats are free (skipping delegations at their cap).
   * Call with the session's row locked. Notifies each promoted member's delegation.
   */
  async fillFromWaitlist(manager: EntityManager, event: Event, sessionId: string): Promise<SessionAttendee[]> {
    const seats = await this.seats(manager, sessionId);
    let free = seats.capacity - seats.taken;
    if (free <= 0) return [];
    const waiting = await manager.find(SessionAttendee, {
      where: { sessionId, status: AttendanceStatus.Waitlisted },
      order: { requestedAt: 'ASC', id: 'ASC' },
    });
    if (waiting.length === 0) return [];
    const perDelegation = new Map<string, number>();
    const promoted: SessionAttendee[] = [];
    for (const candidate of waiting) {
      if (free <= 0) break;
      if (seats.maxPerDelegation !== null) {
        const taken =
          perDelegation.get(candidate.delegationId) ??
          (await this.delegationSeats(manager, sessionId, candidate.delegationId));
        if (taken >= seats.maxPerDelegation) {
          perDelegation.set(candidate.delegationId, taken);
          continue;
        }
        perDelegation.set(candidate.delegationId, taken + 1);
      }
      const promotedAt = this.clock.now();
      await manager.update(SessionAttendee, { id: candidate.id }, { status: AttendanceStatus.Registered, promotedAt });
      await this.audit.record(manager, {
        action: 'attendance.promoted',
        entityType: 'session_attendee',
        entityId: candidate.id,
        eventId: event.id,
        before: snapshot(candidate),
        after: { ...snapshot(candidate), status: AttendanceStatus.Registered },
      });
      promoted.push(Object.assign(candidate, { status: AttendanceStatus.Registered, promotedAt }));
      free -= 1;
    }
    if (promoted.length) await this.notifyPromoted(manager, event, sessionId, promoted);
    return promoted;
  }

  private async notifyPromoted(
    manager: EntityManager,
    event: Event,
    sessionId: string,
    promoted: SessionAttendee[],
  ): Promise<void> {
    const session = await manager.findOneOrFail(Session, { where: { id: sessionId }, relations: { room: true } });
    const rows = await manager.find(SessionAttendee, {
      where: { id: In(promoted.map((p) => p.id)) },
      relations: { member: true, delegation: true },
    });
    for (const a of rows) {
      await this.outbox.enqueue(manager, {
        kind: 'attendance.promoted',
        eventId: event.id,
        recipients: recipientsFor([a.delegation!], [a.member!]),
        data: {
          ...sessionFacts(session, event),
          attendeeId: a.id,
          memberId: a.memberId,
          delegationId: a.delegationId,
          startsAt: toZonedIso(session.startsAt, event.timeZone),
          endsAt: toZonedIso(session.endsAt, event.timeZone),
          roomName: session.room!.name,
        },
      });
    }
  }

  async event(eventId: string): Promise<Event> {
    const event = await this.dataSource.manager.findOneBy(Event, { id: eventId });
    if (!event) throw notFound('Event', eventId);
    return event;
  }

  /**
   * Locks the session's row: every seat decision for one session happens one transaction at a time. FOR NO KEY
   * UPDATE (attendance only changes `seats_taken`): it waits for a change of the session's time or status, but not
   * for signing bookings, which hold KEY SHARE.
   */
  private async lockSession(manager: EntityManager, caller: Caller, eventId: string, sessionId: string) {
    const session = await manager
      .createQueryBuilder(Session, 's')
      .setLock('for_no_key_update')
      .where('s.id = :sessionId AND s.event_id = :eventId', { sessionId, eventId })
      .getOne();
    if (!session || !isVisible(caller, session)) throw notFound('Session', sessionId);
    return session;
  }

  private async seats(manager: EntityManager, sessionId: string) {
    const [row] = (await manager.query(`SELECT capacity, seats_taken, max_per_delegation FROM sessions WHERE id = $1`, [
      sessionId,
    ])) as { capacity: number; seats_taken: number; max_per_delegation: number | null }[];
    return { capacity: row!.capacity, taken: row!.seats_taken, maxPerDelegation: row!.max_per_delegation };
  }

  private async delegationSeats(manager: EntityManager, sessionId: string, delegationId: string): Promise<number> {
    return manager.countBy(SessionAttendee, { sessionId, delegationId, status: AttendanceStatus.Registered });
  }

  /** Waitlisted request ids in the order they will be served. */
  private async queue(manager: EntityManager, sessionId: string): Promise<string[]> {
    const rows = await manager.find(SessionAttendee, {
      select: { id: true },
      where: { sessionId, status: AttendanceStatus.Waitlisted },
      order: { requestedAt: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => r.id);
  }

  private async waitlistPosition(manager: EntityManager, attendee: SessionAttendee): Promise<number | null> {
    if (attendee.status !== AttendanceStatus.Waitlisted) return null;
    return (await this.queue(manager, attendee.sessionId)).indexOf(attendee.id) + 1;
  }
}

function alreadyRegistered(existing: SessionAttendee): AppError {
  return new AppError(
    409,
    'ATTENDANCE.ALREADY_REGISTERED',
    existing.status === AttendanceStatus.Registered
      ? 'This member already has a seat in this session'
      : 'This member is already on the waitlist of this session',
    { attendeeId: existing.id, attendanceStatus: existing.status },
  );
}
