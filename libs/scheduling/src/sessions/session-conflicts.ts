import type { EntityManager } from 'typeorm';
import { AppError } from '@accord/core';
import { CHECK_VIOLATION, EXCLUSION_VIOLATION, FOREIGN_KEY_VIOLATION, pgError } from '../shared/pg-error.js';
import { SessionStatus } from '../shared/scheduling-kinds.js';
import { ConflictingSessionDto } from './dto/session.dto.js';
import { Session } from './session.entity.js';

/** Where a session was being put when PostgreSQL refused it. */
export interface Placement {
  sessionId: string | null;
  roomId: string;
  startsAt: Date;
  endsAt: Date;
  memberIds: string[];
}

/** A live session in the room overlapping the range, other than the one being written. */
export async function roomConflict(manager: EntityManager, p: Placement): Promise<Session | null> {
  return manager
    .createQueryBuilder(Session, 's')
    .where('s.room_id = :roomId AND s.status <> :cancelled', { roomId: p.roomId, cancelled: SessionStatus.Cancelled })
    .andWhere(`tstzrange(s.starts_at, s.ends_at, '[)') && tstzrange(:startsAt, :endsAt, '[)')`, {
      startsAt: p.startsAt,
      endsAt: p.endsAt,
    })
    .andWhere(p.sessionId ? 's.id <> :sessionId' : 'TRUE', { sessionId: p.sessionId })
    .orderBy('s.starts_at')
    .getOne();
}

/** A live session overlapping the range in which one of the members already speaks. */
export async function speakerConflict(
  manager: EntityManager,
  p: Placement,
): Promise<{ memberId: string; session: Session } | null> {
  if (p.memberIds.length === 0) return null;
  const row: { member_id: string; session_id: string } | undefined = (
    await manager.query(
      `SELECT sp.member_id, sp.session_id FROM session_speakers sp
        WHERE sp.member_id = ANY($1::uuid[]) AND sp.session_status <> 'cancelled'
          AND tstzrange(sp.session_starts_at, sp.session_ends_at, '[)') && tstzrange($2, $3, '[)')
          AND ($4::uuid IS NULL OR sp.session_id <> $4::uuid)
        ORDER BY sp.session_starts_at LIMIT 1`,
      [p.memberIds, p.startsAt, p.endsAt, p.sessionId],
    )
  )[0];
  if (!row) return null;
  const session = await manager.findOneByOrFail(Session, { id: row.session_id });
  return { memberId: row.member_id, session };
}

export const roomOverlap = (conflict: Session, timeZone: string) =>
  new AppError(409, 'SESSION.ROOM_OVERLAP', `The room is taken by "${conflict.titleEn}" at that time`, {
    conflictingSession: ConflictingSessionDto.from(conflict, timeZone),
  });

export const speakerDoubleBooked = (memberId: string, conflict: Session, timeZone: string) =>
  new AppError(409, 'SESSION.SPEAKER_DOUBLE_BOOKED', `A speaker already speaks in "${conflict.titleEn}" at that time`, {
    memberId,
    conflictingSession: ConflictingSessionDto.from(conflict, timeZone),
  });

/**
 * Turns PostgreSQL's refusal of a session write into the 409 the client can act on. The conflicting session is
 * looked up after the failed transaction (PostgreSQL only reports a conflict once the other writer committed, so
 * it is there to find), with the manager of the data source rather than the aborted one.
 */
export async function translateSessionError(
  error: unknown,
  manager: EntityManager,
  placement: Placement,
  timeZone: string,
): Promise<unknown> {
  const { code, constraint } = pgError(error);
  if (code === EXCLUSION_VIOLATION && constraint === 'sessions_no_room_overlap') {
    const conflict = await roomConflict(manager, placement);
    if (conflict) return roomOverlap(conflict, timeZone);
    return new AppError(409, 'SESSION.ROOM_OVERLAP', 'The room is taken at that time');
  }
  if (code === EXCLUSION_VIOLATION && constraint === 'session_speakers_no_double_booking') {
    const conflict = await speakerConflict(manager, placement);
    if (conflict) return speakerDoubleBooked(conflict.memberId, conflict.session, timeZone);
    return new AppError(409, 'SESSION.SPEAKER_DOUBLE_BOOKED', 'A speaker already speaks elsewhere at that time');
  }
  if (code === EXCLUSION_VIOLATION && constraint === 'signing_slots_no_overlap') {
    return new AppError(409, 'SIGNING.SLOT_OVERLAP', 'Slots of a signing session cannot overlap');
  }
  if (code === CHECK_VIOLATION && constraint === 'sessions_seats') {
    return new AppError(409, 'SESSION.CAPACITY_BELOW_SEATS_TAKEN', 'More seats are already taken than that capacity');
  }
  if (code === FOREIGN_KEY_VIOLATION) {
    // A speaker row referring to a session that changed meanwhile, or a member deleted meanwhile.
    return new AppError(409, 'SESSION.CHANGED', 'The session or a speaker changed meanwhile; read it again and retry');
  }
  return error;
}
