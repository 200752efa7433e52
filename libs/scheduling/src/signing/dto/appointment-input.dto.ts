import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { AppointmentStatus } from '../../shared/scheduling-kinds.js';
import { IsNullable, IsOmittable } from '../../shared/validation.js';

export class BookAppointmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  slotId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Organisers: the delegation. A focal point books for its own.' })
  @IsOmittable()
  @IsUUID()
  delegationId?: string;
}

export class MoveAppointmentDto {
  @ApiProperty({ format: 'uuid', description: 'A free slot' })
  @IsUUID()
  slotId!: string;
}

export class CancelAppointmentDto {
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsNullable()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}

export const OUTCOMES = [AppointmentStatus.Done, AppointmentStatus.Missed, AppointmentStatus.Rescheduled] as const;
export type Outcome = (typeof OUTCOMES)[number];

export class AppointmentOutcomeDto {
  @ApiProperty({ enum: OUTCOMES, description: 'What happened at the signing table' })
  @IsIn(OUTCOMES)
  outcome!: Outcome;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'For `rescheduled`: the free slot the delegation now has (else it books again later)',
  })
  @IsOmittable()
  @IsUUID()
  slotId?: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Full powers still awaited' })
  @IsNullable()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class ReorderDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      "Every booked appointment of the signing session, in the new order: they take the session's booked slots " +
      'in time order',
  })
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  appointmentIds!: string[];
}
