import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DATE_TIME, DATE_TIME_MESSAGE } from '../../shared/event-time.js';
import { SessionKind, SessionVisibility, SpeakerRole } from '../../shared/scheduling-kinds.js';
import { IsNullable, IsOmittable, NOT_BLANK } from '../../shared/validation.js';

const TIME_DESCRIPTION =
  "ISO 8601; with an offset (or Z) it is that instant, without one it is read in the event's time zone";

export class CreateSessionDto {
  @ApiProperty({ enum: SessionKind, example: SessionKind.SideEvent })
  @IsEnum(SessionKind)
  kind!: SessionKind;

  @ApiProperty({ example: 'Capacity building for electronic evidence' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: 'titleEn must not be blank' })
  titleEn!: string;

  @ApiProperty({ example: 'Renforcement des capacités en matière de preuves électroniques' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: 'titleFr must not be blank' })
  titleFr!: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsNullable()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  roomId!: string;

  @ApiProperty({ example: '2025-10-25T14:00:00+07:00', description: TIME_DESCRIPTION })
  @IsString()
  @Matches(DATE_TIME, { message: `startsAt ${DATE_TIME_MESSAGE}` })
  startsAt!: string;

  @ApiProperty({ example: '2025-10-25T15:00:00+07:00', description: TIME_DESCRIPTION })
  @IsString()
  @Matches(DATE_TIME, { message: `endsAt ${DATE_TIME_MESSAGE}` })
  endsAt!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000, description: "Seats offered; defaults to the room's capacity" })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity?: number;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 1, description: 'Most seats one delegation may take' })
  @IsNullable()
  @IsInt()
  @Min(1)
  @Max(100_000)
  maxPerDelegation?: number | null;

  @ApiPropertyOptional({ enum: SessionVisibility, default: SessionVisibility.Public })
  @IsOmittable()
  @IsEnum(SessionVisibility)
  visibility?: SessionVisibility;
}

export class UpdateSessionDto {
  @ApiPropertyOptional({ enum: SessionKind })
  @IsOmittable()
  @IsEnum(SessionKind)
  kind?: SessionKind;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: 'titleEn must not be blank' })
  titleEn?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: 'titleFr must not be blank' })
  titleFr?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsNullable()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUUID()
  roomId?: string;

  @ApiPropertyOptional({ example: '2025-10-25T14:00:00+07:00', description: TIME_DESCRIPTION })
  @IsOmittable()
  @IsString()
  @Matches(DATE_TIME, { message: `startsAt ${DATE_TIME_MESSAGE}` })
  startsAt?: string;

  @ApiPropertyOptional({ example: '2025-10-25T15:00:00+07:00', description: TIME_DESCRIPTION })
  @IsOmittable()
  @IsString()
  @Matches(DATE_TIME, { message: `endsAt ${DATE_TIME_MESSAGE}` })
  endsAt?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity?: number;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 1 })
  @IsNullable()
  @IsInt()
  @Min(1)
  @Max(100_000)
  maxPerDelegation?: number | null;

  @ApiPropertyOptional({ enum: SessionVisibility })
  @IsOmittable()
  @IsEnum(SessionVisibility)
  visibility?: SessionVisibility;
}

export class CancelSessionDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Merged with the afternoon round table' })
  @IsNullable()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}

export class SpeakerInputDto {
  @ApiProperty({ format: 'uuid', description: 'A member of a delegation registered for the event' })
  @IsUUID()
  memberId!: string;

  @ApiPropertyOptional({ enum: SpeakerRole, default: SpeakerRole.Speaker })
  @IsOmittable()
  @IsEnum(SpeakerRole)
  role?: SpeakerRole;
}

export class SetSpeakersDto {
  @ApiProperty({ type: [SpeakerInputDto], description: 'The whole list, in speaking order (replaces the current one)' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SpeakerInputDto)
  speakers!: SpeakerInputDto[];
}
