import { ApiProperty } from '@nestjs/swagger';
import { toZonedIso } from '@accord/core';
import { delegationName } from '@accord/delegations';
import { sessionUid } from '../../shared/calendar-uid.js';
import { localDay } from '../../shared/event-time.js';
import { SessionKind, SessionStatus, SessionVisibility, SpeakerRole } from '../../shared/scheduling-kinds.js';
import type { SessionSpeaker } from '../session-speaker.entity.js';
import type { Session } from '../session.entity.js';

export class RoomRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Plenary Hall A' }) name!: string;
}

export class SpeakerDto {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ example: 'Nguyen Van A' }) fullName!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Minister of Public Security' }) title!: string | null;
  @ApiProperty({ enum: SpeakerRole }) role!: SpeakerRole;
  @ApiProperty({ format: 'uuid' }) delegationId!: string;
  @ApiProperty({ example: 'Viet Nam' }) delegationName!: string;

  /** Needs member and delegation (with participant) loaded. */
  static from(s: SessionSpeaker): SpeakerDto {
    return {
      memberId: s.memberId,
      fullName: s.member?.fullName ?? '',
      title: s.member?.title ?? null,
      role: s.role,
      delegationId: s.delegationId,
      delegationName: s.delegation ? delegationName(s.delegation) : '',
    };
  }
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ enum: SessionKind }) kind!: SessionKind;
  @ApiProperty() titleEn!: string;
  @ApiProperty() titleFr!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ type: RoomRefDto }) room!: RoomRefDto;
  @ApiProperty({ format: 'date-time', example: '2025-10-25T10:00:00+07:00', description: "In the event's zone" })
  startsAt!: string;
  @ApiProperty({ format: 'date-time', example: '2025-10-25T11:15:00+07:00' }) endsAt!: string;
  @ApiProperty({ example: '2025-10-25', description: "The day it starts, in the event's zone" }) day!: string;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timeZone!: string;
  @ApiProperty() capacity!: number;
  @ApiProperty() seatsTaken!: number;
  @ApiProperty() seatsAvailable!: number;
  @ApiProperty({ description: 'Requests waiting for a seat' }) waitlisted!: number;
  @ApiProperty({ nullable: true, type: Number }) maxPerDelegation!: number | null;
  @ApiProperty({ enum: SessionVisibility }) visibility!: SessionVisibility;
  @ApiProperty({ enum: SessionStatus }) status!: SessionStatus;
  @ApiProperty({ nullable: true, type: String }) cancellationReason!: string | null;
  @ApiProperty({ type: [SpeakerDto] }) speakers!: SpeakerDto[];
  @ApiProperty({ description: 'UID of its entry in the iCalendar feeds' }) calendarUid!: string;
  @ApiProperty({ description: 'Incremented on every change (iCalendar SEQUENCE)' }) sequence!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  /** Needs `room` loaded; speakers are given already ordered. */
  static from(s: Session, timeZone: string, speakers: SessionSpeaker[], waitlisted: number): SessionDto {
    const zoned = (d: Date) => toZonedIso(d, timeZone);
    return {
      id: s.id,
      eventId: s.eventId,
      kind: s.kind,
      titleEn: s.titleEn,
      titleFr: s.titleFr,
      description: s.description,
      room: { id: s.roomId, name: s.room?.name ?? '' },
      startsAt: zoned(s.startsAt),
      endsAt: zoned(s.endsAt),
      day: localDay(s.startsAt, timeZone),
      timeZone,
      capacity: s.capacity,
      seatsTaken: s.seatsTaken,
      seatsAvailable: Math.max(0, s.capacity - s.seatsTaken),
      waitlisted,
      maxPerDelegation: s.maxPerDelegation,
      visibility: s.visibility,
      status: s.status,
      cancellationReason: s.cancellationReason,
      speakers: speakers.map((sp) => SpeakerDto.from(sp)),
      calendarUid: sessionUid(s.id),
      sequence: s.sequence,
      updatedAt: zoned(s.updatedAt),
    };
  }
}

/** The session a refused change collides with, named in the 409. */
export class ConflictingSessionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() titleEn!: string;
  @ApiProperty() titleFr!: string;
  @ApiProperty({ enum: SessionKind }) kind!: SessionKind;
  @ApiProperty({ format: 'uuid' }) roomId!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;

  static from(s: Session, timeZone: string): ConflictingSessionDto {
    return {
      id: s.id,
      titleEn: s.titleEn,
      titleFr: s.titleFr,
      kind: s.kind,
      roomId: s.roomId,
      startsAt: toZonedIso(s.startsAt, timeZone),
      endsAt: toZonedIso(s.endsAt, timeZone),
    };
  }
}
