import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { toZonedIso } from '@accord/core';
import { DelegationStatus, KindGroup } from '../../delegation-kind.js';
import { ActorKind, type DelegationTransition } from '../delegation-transition.entity.js';

export class TransitionDto {
  @ApiProperty({
    enum: DelegationStatus,
    description:
      'The new status. Organisers: submitted → approved | waitlisted | rejected | cancelled; waitlisted → approved | ' +
      'rejected | cancelled; any decided or cancelled → submitted (reset). A focal point may only cancel.',
  })
  @IsEnum(DelegationStatus)
  to!: DelegationStatus;

  @ApiPropertyOptional({ description: 'Required for a rejection; sent to the focal point', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export const BULK_STATUSES = [
  DelegationStatus.Approved,
  DelegationStatus.Rejected,
  DelegationStatus.Waitlisted,
] as const;
export const MAX_BULK = 200;

export class BulkTransitionDto {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: MAX_BULK })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  delegationIds!: string[];

  @ApiProperty({ enum: BULK_STATUSES })
  @IsIn(BULK_STATUSES)
  to!: (typeof BULK_STATUSES)[number];

  @ApiPropertyOptional({ description: 'Required for a rejection; sent to every focal point', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class PromoteDto {
  @ApiPropertyOptional({ enum: KindGroup, description: 'Only this group; both when omitted' })
  @IsOptional()
  @IsEnum(KindGroup)
  group?: KindGroup;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_BULK, default: MAX_BULK, description: 'Promote at most this many' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_BULK)
  max?: number;
}

export class TransitionRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DelegationStatus, nullable: true }) from!: DelegationStatus | null;
  @ApiProperty({ enum: DelegationStatus }) to!: DelegationStatus;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ enum: ActorKind }) actorKind!: ActorKind;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorUserId!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;

  static from(t: DelegationTransition, timeZone: string, forFocalPoint: boolean): TransitionRecordDto {
    return {
      id: t.id,
      from: t.fromStatus,
      to: t.toStatus,
      reason: t.reason,
      actorKind: t.actorKind,
      // Which officer decided is the secretariat's business, not the focal point's.
      actorUserId: forFocalPoint ? null : t.actorUserId,
      at: toZonedIso(t.createdAt, timeZone),
    };
  }
}
