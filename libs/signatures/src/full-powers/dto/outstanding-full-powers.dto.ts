import { ApiProperty } from '@nestjs/swagger';
import { toZonedIso } from '@accord/core';
import { SignatoryCapacity } from '../../shared/signatory-capacity.js';
import type { OutstandingParty } from '../outstanding-full-powers.service.js';
import { FullPowersStanding } from './signatory-designation.dto.js';

export class OutstandingFullPowersDto {
  @ApiProperty({ format: 'uuid' }) appointmentId!: string;
  @ApiProperty({ format: 'date-time', description: "Appointment time, in the event's zone" }) appointmentAt!: string;
  @ApiProperty({ format: 'uuid' }) delegationId!: string;
  @ApiProperty({ example: 'VNM' }) participantCode!: string;
  @ApiProperty({ example: 'Viet Nam' }) participantName!: string;
  @ApiProperty({ enum: ['state', 'reio'] }) partyKind!: string;
  @ApiProperty({ nullable: true, type: String }) signatoryName!: string | null;
  @ApiProperty({ enum: SignatoryCapacity, nullable: true }) capacity!: SignatoryCapacity | null;
  @ApiProperty({
    enum: [
      FullPowersStanding.NoSignatory,
      FullPowersStanding.Missing,
      FullPowersStanding.Rejected,
      FullPowersStanding.Pending,
    ],
  })
  fullPowers!: FullPowersStanding;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The document waiting for review' })
  pendingFullPowersId!: string | null;

  static from(o: OutstandingParty, timeZone: string): OutstandingFullPowersDto {
    return {
      appointmentId: o.appointmentId,
      appointmentAt: toZonedIso(o.startsAt, timeZone),
      delegationId: o.delegationId,
      participantCode: o.participantCode,
      participantName: o.delegationName,
      partyKind: o.partyKind,
      signatoryName: o.signatory?.fullName ?? null,
      capacity: o.signatory?.capacity ?? null,
      fullPowers: o.standing,
      pendingFullPowersId: o.pending?.id ?? null,
    };
  }
}
