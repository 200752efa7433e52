import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBooleanString, IsOptional } from 'class-validator';
import { toZonedIso } from '@accord/core';
import { SignatoryCapacity, SignatoryRank } from '../../shared/signatory-capacity.js';
import type { Signature } from '../signature.entity.js';

export class ActorDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
}

/** A signature as the treaty section sees it: the whole record, voided or not. */
export class SignatureDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'VNM' }) participantCode!: string;
  @ApiProperty({ example: 'Viet Nam' }) participantName!: string;
  @ApiProperty({ enum: ['state', 'reio'] }) partyKind!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) delegationId!: string | null;
  @ApiProperty() signatoryName!: string;
  @ApiProperty({ nullable: true, type: String }) signatoryTitle!: string | null;
  @ApiProperty({ enum: SignatoryCapacity }) capacity!: SignatoryCapacity;
  @ApiProperty({ enum: SignatoryRank }) rank!: SignatoryRank;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) fullPowersId!: string | null;
  @ApiProperty({ format: 'date-time', description: "In the event's time zone" }) signedAt!: string;
  @ApiProperty({ example: 'Hanoi' }) place!: string;
  @ApiProperty({ nullable: true, type: String }) declarations!: string | null;
  @ApiProperty({ nullable: true, type: String }) reservations!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'C.N.196.2025.TREATIES-XVIII.16' })
  depositaryNotification!: string | null;
  @ApiProperty({ type: ActorDto, nullable: true }) recordedBy!: ActorDto | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() voided!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) voidedAt!: string | null;
  @ApiProperty({ type: ActorDto, nullable: true }) voidedBy!: ActorDto | null;
  @ApiProperty({ nullable: true, type: String }) voidReason!: string | null;

  /** Needs `participant` loaded; `names` maps organiser ids to display names. */
  static from(s: Signature, timeZone: string, names: Map<string, string> = new Map()): SignatureDto {
    const actor = (id: string | null) => (id ? { id, name: names.get(id) ?? null } : null);
    return {
      id: s.id,
      eventId: s.eventId,
      participantCode: s.participant!.code,
      participantName: s.participant!.nameEn,
      partyKind: s.partyKind,
      delegationId: s.delegationId,
      signatoryName: s.signatoryName,
      signatoryTitle: s.signatoryTitle,
      capacity: s.capacity,
      rank: s.rank,
      fullPowersId: s.fullPowersId,
      signedAt: toZonedIso(s.signedAt, timeZone),
      place: s.place,
      declarations: s.declarations,
      reservations: s.reservations,
      depositaryNotification: s.depositaryNotification,
      recordedBy: actor(s.recordedBy),
      recordedAt: toZonedIso(s.recordedAt, timeZone),
      voided: s.voidedAt !== null,
      voidedAt: s.voidedAt ? toZonedIso(s.voidedAt, timeZone) : null,
      voidedBy: actor(s.voidedBy),
      voidReason: s.voidReason,
    };
  }
}

export class SignatureQueryDto {
  @ApiPropertyOptional({ description: 'Include voided signatures (the full history)', default: 'false' })
  @IsOptional()
  @IsBooleanString()
  includeVoided?: string;
}
