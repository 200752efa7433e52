import { ApiProperty } from '@nestjs/swagger';
import { toZonedIso } from '@accord/core';
import { FULL_POWERS_CONTENT_TYPES, FullPowersStatus, type FullPowers } from '../full-powers.entity.js';

export class FullPowersDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'VNM' }) participantCode!: string;
  @ApiProperty({ example: 'Viet Nam' }) participantName!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) delegationId!: string | null;
  @ApiProperty({ description: 'The representative the full powers are for' }) representativeName!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: FULL_POWERS_CONTENT_TYPES }) contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'Hex SHA-256 of the content' }) sha256!: string;
  @ApiProperty({ enum: FullPowersStatus }) status!: FullPowersStatus;
  @ApiProperty({ nullable: true, type: String }) rejectionReason!: string | null;
  @ApiProperty({ enum: ['organiser', 'focal-point'] }) uploadedBy!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) reviewedAt!: string | null;

  /** Needs `participant` loaded. */
  static from(f: FullPowers, timeZone: string): FullPowersDto {
    return {
      id: f.id,
      participantCode: f.participant!.code,
      participantName: f.participant!.nameEn,
      delegationId: f.delegationId,
      representativeName: f.representativeName,
      fileName: f.fileName,
      contentType: f.contentType,
      sizeBytes: f.sizeBytes,
      sha256: f.sha256,
      status: f.status,
      rejectionReason: f.rejectionReason,
      uploadedBy: f.uploadedByKind,
      uploadedAt: toZonedIso(f.createdAt, timeZone),
      reviewedAt: f.reviewedAt ? toZonedIso(f.reviewedAt, timeZone) : null,
    };
  }
}
