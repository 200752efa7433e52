import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { toZonedIso } from '@accord/core';
import { delegationName } from '@accord/delegations';
import { AttendanceStatus } from '../../shared/scheduling-kinds.js';
import type { SessionAttendee } from '../session-attendee.entity.js';

export class RegisterAttendeeDto {
  @ApiProperty({ format: 'uuid', description: "A member of the caller's delegation (organisers: of any delegation)" })
  @IsUUID()
  memberId!: string;
}

export class AttendeeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ format: 'uuid' }) delegationId!: string;
  @ApiProperty() delegationName!: string;
  @ApiProperty({ enum: AttendanceStatus }) status!: AttendanceStatus;
  @ApiProperty({ nullable: true, type: Number, description: 'Place on the waitlist (1 = next), when waitlisted' })
  waitlistPosition!: number | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) promotedAt!: string | null;

  /** Needs member and delegation (with participant) loaded. */
  static from(a: SessionAttendee, timeZone: string, waitlistPosition: number | null): AttendeeDto {
    return {
      id: a.id,
      sessionId: a.sessionId,
      memberId: a.memberId,
      fullName: a.member?.fullName ?? '',
      delegationId: a.delegationId,
      delegationName: a.delegation ? delegationName(a.delegation) : '',
      status: a.status,
      waitlistPosition: a.status === AttendanceStatus.Waitlisted ? waitlistPosition : null,
      requestedAt: toZonedIso(a.requestedAt, timeZone),
      promotedAt: a.promotedAt ? toZonedIso(a.promotedAt, timeZone) : null,
    };
  }
}
