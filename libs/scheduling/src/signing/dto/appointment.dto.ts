import { ApiProperty } from '@nestjs/swagger';
import { toZonedIso } from '@accord/core';
import { delegationName, DelegationKind, DelegationStatus } from '@accord/delegations';
import { appointmentUid } from '../../shared/calendar-uid.js';
import { AppointmentStatus } from '../../shared/scheduling-kinds.js';
import { signatories, type LoadedAppointment } from '../appointment-context.js';
import type { SigningSlot } from '../signing-slot.entity.js';

export class AppointmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) delegationId!: string;
  @ApiProperty({ example: 'Viet Nam' }) delegationName!: string;
  @ApiProperty({ format: 'uuid' }) slotId!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'date-time', example: '2025-10-25T10:00:00+07:00' }) startsAt!: string;
  @ApiProperty({ format: 'date-time', example: '2025-10-25T10:05:00+07:00' }) endsAt!: string;
  @ApiProperty({ example: 'Plenary Hall A', description: "The signing session's room" }) location!: string;
  @ApiProperty({ enum: AppointmentStatus }) status!: AppointmentStatus;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) rescheduledFromId!: string | null;
  @ApiProperty() calendarUid!: string;
  @ApiProperty() sequence!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(a: LoadedAppointment, timeZone: string): AppointmentDto {
    const zoned = (d: Date) => toZonedIso(d, timeZone);
    return {
      id: a.id,
      eventId: a.eventId,
      delegationId: a.delegationId,
      delegationName: delegationName(a.delegation),
      slotId: a.slotId,
      sessionId: a.slot.sessionId,
      startsAt: zoned(a.slot.startsAt),
      endsAt: zoned(a.slot.endsAt),
      location: a.slot.session?.room?.name ?? '',
      status: a.status,
      note: a.note,
      rescheduledFromId: a.rescheduledFromId,
      calendarUid: appointmentUid(a.id),
      sequence: a.sequence,
      createdAt: zoned(a.createdAt),
      updatedAt: zoned(a.updatedAt),
    };
  }
}

export class SlotHolderDto {
  @ApiProperty({ format: 'uuid' }) appointmentId!: string;
  @ApiProperty({ format: 'uuid' }) delegationId!: string;
  @ApiProperty() delegationName!: string;
  @ApiProperty({ enum: AppointmentStatus }) status!: AppointmentStatus;
}

export class SlotDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ description: 'Free to book' }) available!: boolean;
  @ApiProperty({ description: "Held by the caller's own delegation" }) mine!: boolean;
  @ApiProperty({ type: SlotHolderDto, nullable: true, description: 'Organisers only: who holds it' })
  holder!: SlotHolderDto | null;

  static from(
    slot: SigningSlot,
    timeZone: string,
    holder: LoadedAppointment | undefined,
    view: { organiser: boolean; delegationId: string | null },
  ): SlotDto {
    return {
      id: slot.id,
      sessionId: slot.sessionId,
      startsAt: toZonedIso(slot.startsAt, timeZone),
      endsAt: toZonedIso(slot.endsAt, timeZone),
      available: !holder,
      mine: !!holder && holder.delegationId === view.delegationId,
      holder:
        holder && view.organiser
          ? {
              appointmentId: holder.id,
              delegationId: holder.delegationId,
              delegationName: delegationName(holder.delegation),
              status: holder.status,
            }
          : null,
    };
  }
}

export class SignatoryDto {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
}

export class RunningOrderDelegationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Viet Nam' }) name!: string;
  @ApiProperty({ enum: DelegationKind }) kind!: DelegationKind;
  @ApiProperty({ nullable: true, type: String, example: 'VNM' }) participantCode!: string | null;
  @ApiProperty({ enum: DelegationStatus }) status!: DelegationStatus;
}

export class RunningOrderEntryDto {
  @ApiProperty({ description: 'Order of appearance at the signing table (1 = first)' }) position!: number;
  @ApiProperty({ format: 'uuid' }) appointmentId!: string;
  @ApiProperty({ enum: AppointmentStatus }) status!: AppointmentStatus;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'uuid' }) slotId!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ type: RunningOrderDelegationDto }) delegation!: RunningOrderDelegationDto;
  @ApiProperty({ type: SignatoryDto, nullable: true, description: 'The member designated to sign (willSign)' })
  signatory!: SignatoryDto | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'verified',
    description: "The party's current full powers (pending, verified, rejected…), null when none is on file",
  })
  fullPowersStatus!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;

  static from(
    a: LoadedAppointment,
    position: number,
    timeZone: string,
    fullPowersStatus: string | null,
  ): RunningOrderEntryDto {
    const signatory = signatories(a.delegation)[0];
    return {
      position,
      appointmentId: a.id,
      status: a.status,
      sessionId: a.slot.sessionId,
      slotId: a.slotId,
      startsAt: toZonedIso(a.slot.startsAt, timeZone),
      endsAt: toZonedIso(a.slot.endsAt, timeZone),
      delegation: {
        id: a.delegationId,
        name: delegationName(a.delegation),
        kind: a.delegation.kind,
        participantCode: a.delegation.participant?.code ?? null,
        status: a.delegation.status,
      },
      signatory: signatory ? { memberId: signatory.id, fullName: signatory.fullName, title: signatory.title } : null,
      fullPowersStatus,
      note: a.note,
    };
  }
}
