import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDateString,
  IsISO8601,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { IsTimeZone } from '@accord/core';
import { SeatsPerDelegationDto } from './seats-per-delegation.dto.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateEventDto {
  @ApiProperty({ example: 'hanoi-2025' })
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case letters, digits and single hyphens' })
  @MaxLength(80)
  slug!: string;

  @ApiProperty({ example: 'Signing ceremony of the United Nations Convention against Cybercrime' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @ApiProperty({ example: 'United Nations Convention against Cybercrime' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  treatyTitle!: string;

  @ApiProperty({ example: 'Hanoi Convention' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  treatyShortTitle!: string;

  @ApiProperty({ example: 'National Convention Center' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  venue!: string;

  @ApiProperty({ example: 'Hanoi' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  city!: string;

  @ApiProperty({ example: 'Asia/Ho_Chi_Minh', description: 'IANA time zone of the venue' })
  @IsTimeZone()
  timeZone!: string;

  @ApiProperty({ example: '2025-10-25', format: 'date' })
  @Matches(DATE_ONLY, { message: 'startsOn must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true })
  startsOn!: string;

  @ApiProperty({ example: '2025-10-26', format: 'date' })
  @Matches(DATE_ONLY, { message: 'endsOn must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true })
  endsOn!: string;

  @ApiPropertyOptional({ example: '2026-12-31', format: 'date', nullable: true })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'signatureClosesOn must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true })
  signatureClosesOn?: string | null;

  @ApiPropertyOptional({ default: 40, minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  signatoryGoal?: number;

  @ApiPropertyOptional({ default: 40, minimum: 1, description: 'Instruments needed for entry into force' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  eifThreshold?: number;

  @ApiPropertyOptional({ default: 90, minimum: 0, description: 'Days after the threshold instrument' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  eifDaysAfter?: number;

  @ApiPropertyOptional({ default: 30, minimum: 0, description: 'Days after a later deposit, for that party' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  eifDaysAfterLaterDeposit?: number;

  @ApiPropertyOptional({ format: 'date-time', example: '2025-09-01T00:00:00+07:00', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  registrationOpensAt?: string | null;

  @ApiPropertyOptional({ format: 'date-time', example: '2025-10-20T23:59:59+07:00', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  registrationClosesAt?: string | null;

  @ApiPropertyOptional({ minimum: 0, nullable: true, description: 'Most approved State and REIO delegations' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  maxGovernmentDelegations?: number | null;

  @ApiPropertyOptional({ minimum: 0, nullable: true, description: 'Most approved delegations of other kinds' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  maxNonGovernmentDelegations?: number | null;

  @ApiPropertyOptional({ type: SeatsPerDelegationDto, description: 'Most members per delegation, by kind' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SeatsPerDelegationDto)
  seatsPerDelegation?: SeatsPerDelegationDto;
}
