import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '@accord/core';
import { LOCAL_DATE } from '../../shared/event-time.js';
import { SessionKind, SessionStatus, SessionVisibility } from '../../shared/scheduling-kinds.js';

export class SessionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2025-10-25', description: "Sessions starting on this day, in the event's zone" })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: 'day must be a date, YYYY-MM-DD' })
  day?: string;

  @ApiPropertyOptional({ enum: SessionKind })
  @IsOptional()
  @IsEnum(SessionKind)
  kind?: SessionKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  roomId?: string;

  @ApiPropertyOptional({ enum: SessionStatus, description: 'Organisers only (others see published sessions)' })
  @IsOptional()
  @IsEnum(SessionStatus)
  status?: SessionStatus;

  @ApiPropertyOptional({ enum: SessionVisibility, description: 'Organisers only (others see public sessions)' })
  @IsOptional()
  @IsEnum(SessionVisibility)
  visibility?: SessionVisibility;
}
