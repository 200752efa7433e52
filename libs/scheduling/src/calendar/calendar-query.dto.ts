import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { CalendarLanguage } from './ics-calendar.js';

export class CalendarQueryDto {
  @ApiPropertyOptional({ enum: ['en', 'fr'], default: 'en', description: 'Language of titles and labels' })
  @IsOptional()
  @IsIn(['en', 'fr'])
  lang?: CalendarLanguage;
}

export class DelegationCalendarQueryDto extends CalendarQueryDto {
  @ApiPropertyOptional({
    description:
      "The delegation's focal-point token (`fp_…`), for calendar apps, which cannot send an Authorization header. " +
      'Accepted on this route only; never logged.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  token?: string;
}
