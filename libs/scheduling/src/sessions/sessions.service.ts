import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '@accord/audit';
import { AppError, notFound, toZonedIso, validationFailed } from '@accord/core';
import { DelegationMember, DelegationStatus } from '@accord/delegations';
import { Event } from '@accord/events';
import { AttendanceService } from '../attendance/attendance.service.js';
import { Room } from '../rooms/room.entity.js';
import { eventWindow, parseEventTime } from '../shared/event-time.js';
import { SchedulingClock } from '../shared/scheduling-clock.js';
import { SessionKind, SessionStatus, SessionVisibility, SpeakerRole } from '../shared/scheduling-kinds.js';
import { inTransaction } from '../shared/transaction.js';
import { SigningAppointmentsService } from '../signing/signing-appointments.service.js';
import { SigningAppointment } from '../signing/signing-appointment.entity.js';
import { SigningSlot } from '../signing/signing-slot.entity.js';
import type { CreateSessionDto, SetSpeakersDto, UpdateSessionDto } from './dto/session-input.dto.js';
import { translateSessionError, type Placement } from './session-conflicts.js';
import { SessionNotifier, sessionPlace } from './session-notifier.js';
import { SessionSpeaker } from './session-speaker.entity.js';
import { Session } from './session.entity.js';

/** The fields of a session worth an audit entry. */
function snapshot(s: Session, timeZone: string) {
  return {
    kind: s.kind,
    titleEn: s.titleEn,
    titleFr: s.titleFr,
    description: s.description,
    roomId: s.roomId,
    startsAt: toZonedIso(s.startsAt, timeZone),
    endsAt: toZonedIso(s.endsAt, timeZone),
    capacity: s.capacity,
    maxPerDelegation: s.maxPerDelegation,
    visibility: s.visibility,
    status: s.status,
  };
}

const INACTIVE_DELEGATION = [DelegationStatus.Rejected, DelegationStatus.Cancelled];

/**
 * Building the programme. PostgreSQL decides overlaps (a room, a speaker); the service turns its refusal into a 409
 * naming the session in the way. Each change is audited, and once a session is published its changes are
 * notified to the delegations concerned, in the same transaction.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifier: SessionNotifier,
    private readonly attendance: AttendanceService,
    private readonly appointments: SigningAppointmentsService,
    private readonly clock: SchedulingClock,
  ) {}

  async create(eventId: string, dto: CreateSessionDto): Promise<Session> {
    const event = await this.event(eventId);
    const startsAt = parseEventTime(dto.startsAt, event.timeZone, 'startsAt');
    const endsAt = parseEventTime(dto.endsAt, event.timeZone, 'endsAt');
    checkTimes(event, startsAt, endsAt);
    const placement: Placement = { sessionId: null, roomId: dto.roomId, startsAt, endsAt, memberIds: [] };
    return this.write(
      event,
      () => placement,
      async (manager) => {
        const room = await this.room(manager, eventId, dto.roomId);
        const session = await manager.save(
          manager.create(Session, {
            eventId,
            kind: dto.kind,
            titleEn: dto.titleEn.trim(),
            titleFr: dto.titleFr.trim(),
            description: dto.description?.trim() || null,
            roomId: room.id,
            startsAt,
            endsAt,
            capacity: dto.capacity ?? room.capacity,
            maxPerDelegation: dto.maxPerDelegation ?? null,
            visibility: dto.visibility ?? SessionVisibility.Public,
            status: SessionStatus.Draft,
          }),
        );
        await this.audit.record(manager, {
          action: 'session.created',
          entityType: 'session',
          entityId: session.id,
          eventId,
          after: snapshot(session, event.timeZone),
        });
        return session;
      },
    );
  }

  /**
   * Changes a session. Moving it (time or room) is checked by the database like any placement; a signing session
   * takes its slots along; once published, the delegations concerned are told the old and the new time.
   */
  async update(eventId: string, sessionId: string, dto: UpdateSessionDto): Promise<Session> {
    const event = await this.event(eventId);
    let placement: Placement | undefined;
    return this.write(
      event,
      () => placement,
      async (manager) => {
        const session = await this.lockSession(manager, eventId, sessionId);
        if (session.status === SessionStatus.Cancelled) throw cancelledSession();
        const before = { ...session };
        const oldRoom = session.room!;
        const room =
          dto.roomId && dto.roomId !== session.roomId ? await this.room(manager, eventId, dto.roomId) : oldRoom;
        const startsAt = dto.startsAt ? parseEventTime(dto.startsAt, event.timeZone, 'startsAt') : session.startsAt;
        const endsAt = dto.endsAt ? parseEventTime(dto.endsAt, event.timeZone, 'endsAt') : session.endsAt;
        checkTimes(event, startsAt, endsAt);
        const kind = dto.kind ?? session.kind;
        if (session.kind === SessionKind.Signing && kind !== SessionKind.Signing) {
          if (await manager.existsBy(SigningSlot, { sessionId })) {
            throw new AppError(409, 'SESSION.HAS_SLOTS', 'A signing session with slots cannot change kind');
          }
        }
        // A new room brings its capacity, unless one is given.
        const capacity = dto.capacity ?? (room.id !== oldRoom.id ? room.capacity : session.capacity);
        const changes: Partial<Session> = {
          kind,
          titleEn: dto.titleEn?.trim() ?? session.titleEn,
          titleFr: dto.titleFr?.trim() ?? session.titleFr,
          description: dto.description === undefined ? session.description : dto.description?.trim() || null,
          roomId: room.id,
          startsAt,
          endsAt,
          capacity,
          maxPerDelegation: dto.maxPerDelegation === undefined ? session.maxPerDelegation : dto.maxPerDelegation,
          visibility: dto.visibility ?? session.visibility,
        };
        const after = Object.assign(new Session(), session, changes);
        if (JSON.stringify(snapshot(after, event.timeZone)) === JSON.stringify(snapshot(before, event.timeZone))) {
          return session;
        }
        if (capacity < session.seatsTaken) {
          throw new AppError(
            409,
            'SESSION.CAPACITY_BELOW_SEATS_TAKEN',
            `${session.seatsTaken} seats are taken; the capacity cannot go below that`,
            { seatsTaken: session.seatsTaken },
          );
        }
        const speakers = await manager.find(SessionSpeaker, { where: { sessionId }, select: { memberId: true } });
        placement = { sessionId, roomId: room.id, startsAt, endsAt, memberIds: speakers.map((s) => s.memberId) };
        await manager.update(Session, { id: sessionId }, { ...changes, sequence: () => 'sequence + 1' });
        const timeMoved =
          startsAt.getTime() !== before.startsAt.getTime() || endsAt.getTime() !== before.endsAt.getTime();
        if (kind === SessionKind.Signing && timeMoved) {
          await this.appointments.shiftWithSession(
            manager,
            event,
            { id: sessionId, startsAt, endsAt },
            startsAt.getTime() - before.startsAt.getTime(),
          );
        }
        if (capacity > before.capacity) await this.attendance.fillFromWaitlist(manager, event, sessionId);
        const updated = await this.reload(manager, sessionId);
        await this.audit.record(manager, {
          action: 'session.updated',
          entityType: 'session',
          entityId: sessionId,
          eventId,
          before: snapshot(before, event.timeZone),
          after: snapshot(updated, event.timeZone),
        });
        if ((timeMoved || room.id !== oldRoom.id) && updated.status === SessionStatus.Published) {
          await this.notifier.moved(
            manager,
            event,
            updated,
            sessionPlace(before.startsAt, before.endsAt, oldRoom, event.timeZone),
            sessionPlace(startsAt, endsAt, room, event.timeZone),
          );
        }
        return updated;
      },
    );
  }

  async publish(eventId: string, sessionId: string): Promise<Session> {
    const event = await this.event(eventId);
    return this.write(
      event,
      () => undefined,
      async (manager) => {
        const session = await this.lockSession(manager, eventId, sessionId);
        if (session.status === SessionStatus.Cancelled) throw cancelledSession();
        if (session.status === SessionStatus.Published) return session;
        await manager.update(
          Session,
          { id: sessionId },
          { status: SessionStatus.Published, publishedAt: this.clock.now(), sequence: () => 'sequence + 1' },
        );
        const published = await this.reload(manager, sessionId);
        await this.audit.record(manager, {
          action: 'session.published',
          entityType: 'session',
          entityId: sessionId,
          eventId,
          before: snapshot(session, event.timeZone),
          after: snapshot(published, event.timeZone),
        });
        await this.notifier.published(manager, event, published, published.room!);
        return published;
      },
    );
  }

  /** Cancels a session (for the record, it stays); a signing session's appointments are cancelled with it. */
  async cancel(eventId: string, sessionId: string, reason: string | null): Promise<Session> {
    const event = await this.event(eventId);
    return this.write(
      event,
      () => undefined,
      async (manager) => {
        const session = await this.lockSession(manager, eventId, sessionId);
        if (session.status === SessionStatus.Cancelled) return session;
        const why = reason?.trim() || null;
        await manager.update(
          Session,
          { id: sessionId },
          {
            status: SessionStatus.Cancelled,
            cancelledAt: this.clock.now(),
            cancellationReason: why,
            sequence: () => 'sequence + 1',
          },
        );
        if (session.kind === SessionKind.Signing) {
          await this.appointments.cancelWithSession(manager, event, sessionId, why);
        }
        const cancelled = await this.reload(manager, sessionId);
        await this.audit.record(manager, {
          action: 'session.cancelled',
          entityType: 'session',
          entityId: sessionId,
          eventId,
          before: snapshot(session, event.timeZone),
          after: { ...snapshot(cancelled, event.timeZone), cancellationReason: why },
        });
        if (session.status === SessionStatus.Published) {
          await this.notifier.cancelled(manager, event, cancelled, cancelled.room!);
        }
        return cancelled;
      },
    );
  }

  /** Deletes a draft that was never published (a published one is cancelled instead, for the record). */
  async remove(eventId: string, sessionId: string): Promise<void> {
    const event = await this.event(eventId);
    await this.write(
      event,
      () => undefined,
      async (manager) => {
        const session = await this.lockSession(manager, eventId, sessionId);
        if (session.status !== SessionStatus.Draft) {
          throw new AppError(409, 'SESSION.NOT_DRAFT', 'Only a draft is deleted; cancel a published session instead');
        }
        const booked = await manager
          .createQueryBuilder(SigningAppointment, 'a')
          .innerJoin('a.slot', 's')
          .where('s.session_id = :sessionId', { sessionId })
          .getExists();
        if (booked) {
          throw new AppError(409, 'SESSION.HAS_APPOINTMENTS', 'Appointments were booked in this session; cancel it');
        }
        await manager.delete(Session, { id: sessionId });
        await this.audit.record(manager, {
          action: 'session.deleted',
          entityType: 'session',
          entityId: sessionId,
          eventId,
          before: snapshot(session, event.timeZone),
        });
      },
    );
  }

  /** Replaces the speakers. The database refuses a person speaking in two overlapping sessions (409). */
  async setSpeakers(eventId: string, sessionId: string, dto: SetSpeakersDto): Promise<Session> {
    const event = await this.event(eventId);
    const memberIds = dto.speakers.map((s) => s.memberId);
    const duplicate = memberIds.findIndex((id, i) => memberIds.indexOf(id) !== i);
    if (duplicate >= 0) {
      throw validationFailed([{ field: `speakers[${duplicate}].memberId`, message: 'each speaker is listed once' }]);
    }
    let placement: Placement | undefined;
    return this.write(
      event,
      () => placement,
      async (manager) => {
        const session = await this.lockSession(manager, eventId, sessionId);
        if (session.status === SessionStatus.Cancelled) throw cancelledSession();
        const members = memberIds.length
          ? await manager.find(DelegationMember, { where: { id: In(memberIds) }, relations: { delegation: true } })
          : [];
        const byId = new Map(members.map((m) => [m.id, m]));
        const unknown = memberIds.filter((id) => byId.get(id)?.delegation?.eventId !== eventId);
        if (unknown.length) {
          throw new AppError(422, 'SESSION.UNKNOWN_SPEAKER', 'Speakers must be members of delegations of this event', {
            memberIds: unknown,
          });
        }
        const inactive = memberIds.filter((id) => INACTIVE_DELEGATION.includes(byId.get(id)!.delegation!.status));
        if (inactive.length) {
          throw new AppError(
            422,
            'SESSION.SPEAKER_DELEGATION_INACTIVE',
            'A speaker belongs to a rejected or cancelled delegation',
            { memberIds: inactive },
          );
        }
        const previous = await manager.find(SessionSpeaker, { where: { sessionId }, order: { position: 'ASC' } });
        placement = {
          sessionId,
          roomId: session.roomId,
          startsAt: session.startsAt,
          endsAt: session.endsAt,
          memberIds,
        };
        await manager.delete(SessionSpeaker, { sessionId });
        if (dto.speakers.length) {
          await manager.insert(
            SessionSpeaker,
            dto.speakers.map((s, position) => ({
              sessionId,
              sessionStartsAt: session.startsAt,
              sessionEndsAt: session.endsAt,
              sessionStatus: session.status,
              memberId: s.memberId,
              delegationId: byId.get(s.memberId)!.delegationId,
              role: s.role ?? SpeakerRole.Speaker,
              position,
            })),
          );
        }
        await manager.update(Session, { id: sessionId }, { sequence: () => 'sequence + 1' });
        await this.audit.record(manager, {
          action: 'session.speakers_changed',
          entityType: 'session',
          entityId: sessionId,
          eventId,
          before: { speakers: previous.map((s) => `${s.memberId}:${s.role}`) },
          after: { speakers: dto.speakers.map((s) => `${s.memberId}:${s.role ?? SpeakerRole.Speaker}`) },
        });
        return this.reload(manager, sessionId);
      },
    );
  }

  private async event(eventId: string): Promise<Event> {
    const event = await this.dataSource.manager.findOneBy(Event, { id: eventId });
    if (!event) throw notFound('Event', eventId);
    return event;
  }

  private async room(manager: EntityManager, eventId: string, roomId: string): Promise<Room> {
    const room = await manager.findOneBy(Room, { id: roomId, eventId });
    if (!room) throw new AppError(422, 'SESSION.UNKNOWN_ROOM', `The event has no room ${roomId}`, { roomId });
    return room;
  }

  /** The session's row, locked: one change at a time per session (and attendance waits for it). */
  private async lockSession(manager: EntityManager, eventId: string, sessionId: string): Promise<Session> {
    const session = await manager
      .createQueryBuilder(Session, 's')
      .innerJoinAndSelect('s.room', 'r')
      .setLock('pessimistic_write', undefined, ['s'])
      .where('s.id = :sessionId AND s.event_id = :eventId', { sessionId, eventId })
      .getOne();
    if (!session) throw notFound('Session', sessionId);
    return session;
  }

  private async reload(manager: EntityManager, sessionId: string): Promise<Session> {
    return manager.findOneOrFail(Session, { where: { id: sessionId }, relations: { room: true } });
  }

  private async write<T>(
    event: Event,
    placement: () => Placement | undefined,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    try {
      return await inTransaction(this.dataSource, work);
    } catch (error) {
      const where = placement();
      if (!where) throw error;
      throw await translateSessionError(error, this.dataSource.manager, where, event.timeZone);
    }
  }
}

function checkTimes(event: Event, startsAt: Date, endsAt: Date): void {
  if (endsAt <= startsAt) throw validationFailed([{ field: 'endsAt', message: 'endsAt must be after startsAt' }]);
  const window = eventWindow(event);
  if (startsAt < window.start || endsAt > window.end) {
    throw new AppError(
      422,
      'SESSION.OUTSIDE_EVENT',
      `Sessions take place within the event's dates (${event.startsOn} to ${event.endsOn}, ${event.timeZone})`,
      { eventStartsOn: event.startsOn, eventEndsOn: event.endsOn, timeZone: event.timeZone },
    );
  }
}

const cancelledSession = () => new AppError(409, 'SESSION.CANCELLED', 'The session is cancelled');
