import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { SignatoryCapacity, SignatoryRank } from '../../shared/signatory-capacity.js';
import { DEPOSITARY_NOTIFICATION } from '../depositary-notification.js';

/** An instant with an explicit offset: a signature's time must never depend on the server's zone. */
export const WITH_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

export class RecordSignatureDto {
  @ApiProperty({ example: 'VNM', description: 'The party, by catalogue code (ISO alpha-3 for States, EU)' })
  @IsString()
  @Matches(/^[A-Za-z]{2,3}$/, { message: 'participantCode must be a catalogue code such as VNM or EU' })
  participantCode!: string;

  @ApiProperty({ example: 'Luong Cuong' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  signatoryName!: string;

  @ApiPropertyOptional({ example: 'President of the Socialist Republic of Viet Nam' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  signatoryTitle?: string;

  @ApiProperty({ enum: SignatoryCapacity })
  @IsEnum(SignatoryCapacity)
  capacity!: SignatoryCapacity;

  @ApiPropertyOptional({ enum: SignatoryRank, description: 'For capacity `other`: minister or official (default)' })
  @IsOptional()
  @IsEnum(SignatoryRank)
  rank?: SignatoryRank;

  @ApiProperty({ format: 'date-time', example: '2025-10-25T10:12:00+07:00', description: 'With its offset' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(WITH_OFFSET, { message: 'signedAt must carry an offset (Z or ±hh:mm)' })
  signedAt!: string;

  @ApiPropertyOptional({
    example: 'Hanoi',
    description: "Defaults to the ceremony's city during the ceremony and New York afterwards (art. 64); must agree",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  place?: string;

  @ApiPropertyOptional({ description: 'Declarations made upon signature' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  declarations?: string;

  @ApiPropertyOptional({ description: 'Reservations made upon signature' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  reservations?: string;

  @ApiPropertyOptional({
    example: 'C.N.196.2025.TREATIES-XVIII.16',
    description: 'Depositary notification, once issued',
  })
  @IsOptional()
  @Matches(DEPOSITARY_NOTIFICATION, { message: 'depositaryNotification must look like C.N.196.2025.TREATIES-XVIII.16' })
  depositaryNotification?: string;
}

export class VoidDto {
  @ApiProperty({ example: 'Recorded for the wrong party', minLength: 3, maxLength: 2000 })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason!: string;
}

export class AnnotateSignatureDto {
  @ApiProperty({ example: 'C.N.196.2025.TREATIES-XVIII.16' })
  @Matches(DEPOSITARY_NOTIFICATION, { message: 'depositaryNotification must look like C.N.196.2025.TREATIES-XVIII.16' })
  depositaryNotification!: string;
}
