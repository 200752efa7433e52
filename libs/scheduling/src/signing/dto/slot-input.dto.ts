import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { DATE_TIME, DATE_TIME_MESSAGE, LOCAL_TIME } from '../../shared/event-time.js';
import { IsOmittable } from '../../shared/validation.js';

const HH_MM = 'a local time in the event’s zone, HH:mm';

export class SlotBreakDto {
  @ApiProperty({ example: '11:00', description: HH_MM })
  @IsString()
  @Matches(LOCAL_TIME, { message: `from must be ${HH_MM}` })
  from!: string;

  @ApiProperty({ example: '11:15', description: HH_MM })
  @IsString()
  @Matches(LOCAL_TIME, { message: `until must be ${HH_MM}` })
  until!: string;
}

/** "Every 5 minutes from 10:00 to 12:00, with a break from 11:00 to 11:15", on the signing session's day. */
export class GenerateSlotsDto {
  @ApiPropertyOptional({ example: '10:00', description: `${HH_MM}; defaults to the session's start` })
  @IsOmittable()
  @IsString()
  @Matches(LOCAL_TIME, { message: `from must be ${HH_MM}` })
  from?: string;

  @ApiPropertyOptional({ example: '12:00', description: `${HH_MM}; defaults to the session's end` })
  @IsOmittable()
  @IsString()
  @Matches(LOCAL_TIME, { message: `until must be ${HH_MM}` })
  until?: string;

  @ApiProperty({ example: 5, minimum: 1, maximum: 240, description: 'A slot starts every so many minutes' })
  @IsInt()
  @Min(1)
  @Max(240)
  everyMinutes!: number;

  @ApiPropertyOptional({
    example: 5,
    minimum: 1,
    maximum: 240,
    description: 'Length of a slot; defaults to everyMinutes',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(240)
  slotMinutes?: number;

  @ApiPropertyOptional({ type: [SlotBreakDto], description: 'No slot overlaps a break' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SlotBreakDto)
  breaks?: SlotBreakDto[];
}

export class CreateSlotDto {
  @ApiProperty({ example: '2025-10-25T10:00:00+07:00' })
  @IsString()
  @Matches(DATE_TIME, { message: `startsAt ${DATE_TIME_MESSAGE}` })
  startsAt!: string;

  @ApiProperty({ example: '2025-10-25T10:05:00+07:00' })
  @IsString()
  @Matches(DATE_TIME, { message: `endsAt ${DATE_TIME_MESSAGE}` })
  endsAt!: string;
}
