import { ApiProperty } from '@nestjs/swagger';
import { toZonedIso } from '@accord/core';
import { SignatoryCapacity, SignatoryRank } from '../../shared/signatory-capacity.js';
import type { DesignatedSignatory } from '../designated-signatory.entity.js';
import { FullPowersDto } from './full-powers.dto.js';

/** Where a party stands on full powers: what the treaty officers check before the signing appointment. */
export enum FullPowersStanding {
  /** The signatory holds one of the three offices exempt under VCLT art. 7(2)(a). */
  NotRequired = 'not_required',
  /** No signatory named yet. */
  NoSignatory = 'no_signatory',
  Missing = 'missing',
  Pending = 'pending',
  Verified = 'verified',
  /** The last upload was rejected; the focal point can upload again. */
  Rejected = 'rejected',
}

export class SignatoryDesignationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'VNM' }) participantCode!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) delegationId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) memberId!: string | null;
  @ApiProperty() fullName!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ enum: SignatoryCapacity }) capacity!: SignatoryCapacity;
  @ApiProperty({ enum: SignatoryRank }) rank!: SignatoryRank;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  /** Needs `participant` loaded. */
  static from(d: DesignatedSignatory, timeZone: string): SignatoryDesignationDto {
    return {
      id: d.id,
      participantCode: d.participant!.code,
      delegationId: d.delegationId,
      memberId: d.memberId,
      fullName: d.fullName,
      title: d.title,
      capacity: d.capacity,
      rank: d.rank,
      updatedAt: toZonedIso(d.updatedAt, timeZone),
    };
  }
}

export class SignatoryStatusDto {
  @ApiProperty({ example: 'VNM' }) participantCode!: string;
  @ApiProperty({ type: SignatoryDesignationDto, nullable: true }) signatory!: SignatoryDesignationDto | null;
  @ApiProperty() fullPowersRequired!: boolean;
  @ApiProperty({ enum: FullPowersStanding }) fullPowers!: FullPowersStanding;
  @ApiProperty({ type: FullPowersDto, nullable: true, description: 'The current (pending or verified) document' })
  current!: FullPowersDto | null;
  @ApiProperty({ type: [FullPowersDto], description: 'Every upload, newest first' }) history!: FullPowersDto[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The standing signature, once signed' })
  signatureId!: string | null;
}
