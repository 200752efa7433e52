import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { RecipientDto } from './recipient.dto.js';

export const MAX_EXPLICIT_RECIPIENTS = 5000;

export class AnnouncementTextDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  subject!: string;

  @ApiProperty({ maxLength: 20000, description: 'Plain text; blank lines separate paragraphs' })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  body!: string;
}

/** The text in other languages (each optional); recipients of a missing language get the main text. */
export class AnnouncementTranslationsDto {
  @ApiPropertyOptional({ type: AnnouncementTextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnnouncementTextDto)
  en?: AnnouncementTextDto;

  @ApiPropertyOptional({ type: AnnouncementTextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnnouncementTextDto)
  fr?: AnnouncementTextDto;

  @ApiPropertyOptional({ type: AnnouncementTextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnnouncementTextDto)
  es?: AnnouncementTextDto;

  @ApiPropertyOptional({ type: AnnouncementTextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnnouncementTextDto)
  ru?: AnnouncementTextDto;

  @ApiPropertyOptional({ type: AnnouncementTextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnnouncementTextDto)
  zh?: AnnouncementTextDto;

  @ApiPropertyOptional({ type: AnnouncementTextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnnouncementTextDto)
  ar?: AnnouncementTextDto;
}

export class AudienceDto {
  @ApiProperty({ example: 'approved-delegations', description: 'A registered audience' })
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  @MaxLength(100)
  type!: string;

  @ApiPropertyOptional({ example: { delegationKind: 'government' }, description: "The audience's parameters" })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;
}

/** A bulk message: give either `recipients` or an `audience`. */
export class CreateAnnouncementDto extends AnnouncementTextDto {
  @ApiPropertyOptional({ type: AnnouncementTranslationsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnnouncementTranslationsDto)
  translations?: AnnouncementTranslationsDto;

  @ApiPropertyOptional({ format: 'date-time', description: 'The moment it is about (adds an .ics), with offset' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'startsAt must carry a time zone offset' })
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'endsAt must carry a time zone offset' })
  endsAt?: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  location?: string;

  @ApiPropertyOptional({ type: [RecipientDto], maxItems: MAX_EXPLICIT_RECIPIENTS })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EXPLICIT_RECIPIENTS)
  @ValidateNested({ each: true })
  @Type(() => RecipientDto)
  recipients?: RecipientDto[];

  @ApiPropertyOptional({ type: AudienceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience?: AudienceDto;
}
