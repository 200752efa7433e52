import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { AppointmentStatus } from '../../shared/scheduling-kinds.js';

export class AppointmentQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One signing session' })
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  @ApiPropertyOptional({ enum: AppointmentStatus })
  @IsOptional()
  @IsEnum(AppointmentStatus)
  status?: AppointmentStatus;
}

export class RunningOrderQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One signing session (default: the whole event)' })
  @IsOptional()
  @IsUUID()
  sessionId?: string;
}
