import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { toZonedIso } from '@accord/core';
import type { Delegation, DelegationMember } from '@accord/delegations';
import type { Event } from '@accord/events';
import { OutboxService, type Recipient, type SessionFacts, type SessionPlace } from '@accord/notifications';
import { SessionAttendee } from '../attendance/session-attendee.entity.js';
import type { Room } from '../rooms/room.entity.js';
import { sessionUid } from '../shared/calendar-uid.js';
import { recipientsFor } from '../shared/recipients.js';
import { ACTIVE_APPOINTMENT_STATUSES, AttendanceStatus } from '../shared/scheduling-kinds.js';
import { SigningAppointment } from '../signing/signing-appointment.entity.js';
import { SessionSpeaker } from './session-speaker.entity.js';
import type { Session } from './session.entity.js';

export function sessionFacts(session: Session, event: Event): SessionFacts {
  return {
    sessionId: session.id,
    kind: session.kind,
    titleEn: session.titleEn,
    titleFr: session.titleFr,
    timeZone: event.timeZone,
    calendarUid: sessionUid(session.id),
    sequence: session.sequence,
  };
}

export function sessionPlace(startsAt: Date, endsAt: Date, room: Room, timeZone: string): SessionPlace {
  return {
    startsAt: toZonedIso(startsAt, timeZone),
    endsAt: toZonedIso(endsAt, timeZone),
    roomId: room.id,
    roomName: room.name,
  };
}

/**
 * Puts the programme's notifications in the outbox, in the transaction of the change. The delegations affected are
 * those of the session's speakers and attendees (registered or waitlisted); each delegation's focal point is told,
 * and the members concerned when they gave an address.
 */
@Injectable()
export class SessionNotifier {
  constructor(private readonly outbox: OutboxService) {}

  async audience(
    manager: EntityManager,
    sessionId: string,
    options: { attendees: boolean; appointments: boolean },
  ): Promise<Recipient[]> {
    const delegations: Delegation[] = [];
    const members: DelegationMember[] = [];
    const speakers = await manager.find(SessionSpeaker, {
      where: { sessionId },
      relations: { member: true, delegation: true },
      order: { position: 'ASC' },
    });
    for (const s of speakers) {
      delegations.push(s.delegation!);
      members.push(s.member!);
    }
    if (options.attendees) {
      const attendees = await manager.find(SessionAttendee, {
        where: { sessionId, status: In([AttendanceStatus.Registered, AttendanceStatus.Waitlisted]) },
        relations: { member: true, delegation: true },
        order: { requestedAt: 'ASC' },
      });
      for (const a of attendees) {
        delegations.push(a.delegation!);
        members.push(a.member!);
      }
    }
    if (options.appointments) {
      const appointments = await manager
        .createQueryBuilder(SigningAppointment, 'a')
        .innerJoinAndSelect('a.delegation', 'd')
        .leftJoinAndSelect('d.members', 'm', 'm.willSign = true')
        .innerJoin('a.slot', 's')
        .where('s.session_id = :sessionId AND a.status IN (:...active)', {
          sessionId,
          active: ACTIVE_APPOINTMENT_STATUSES,
        })
        .getMany();
      for (const a of appointments) {
        delegations.push(a.delegation!);
        members.push(...(a.delegation!.members ?? []));
      }
    }
    return recipientsFor(delegations, members);
  }

  async published(manager: EntityManager, event: Event, session: Session, room: Room): Promise<void> {
    const recipients = await this.audience(manager, session.id, { attendees: true, appointments: true });
    await this.outbox.enqueue(manager, {
      kind: 'session.published',
      eventId: event.id,
      recipients,
      data: {
        ...sessionFacts(session, event),
        startsAt: toZonedIso(session.startsAt, event.timeZone),
        endsAt: toZonedIso(session.endsAt, event.timeZone),
        roomName: room.name,
      },
      webhook: true,
    });
  }

  /** Appointment holders of a signing session hear about their own new times (appointment.moved) instead. */
  async moved(
    manager: EntityManager,
    event: Event,
    session: Session,
    from: SessionPlace,
    to: SessionPlace,
  ): Promise<void> {
    const recipients = await this.audience(manager, session.id, { attendees: true, appointments: false });
    await this.outbox.enqueue(manager, {
      kind: 'session.moved',
      eventId: event.id,
      recipients,
      data: { ...sessionFacts(session, event), from, to },
      webhook: true,
    });
  }

  async cancelled(manager: EntityManager, event: Event, session: Session, room: Room): Promise<void> {
    const recipients = await this.audience(manager, session.id, { attendees: true, appointments: false });
    await this.outbox.enqueue(manager, {
      kind: 'session.cancelled',
      eventId: event.id,
      recipients,
      data: {
        ...sessionFacts(session, event),
        startsAt: toZonedIso(session.startsAt, event.timeZone),
        endsAt: toZonedIso(session.endsAt, event.timeZone),
        roomName: room.name,
        reason: session.cancellationReason,
      },
      webhook: true,
    });
  }
}
