import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsNullable, IsOmittable, NOT_BLANK } from '../../shared/validation.js';

export class CreateRoomDto {
  @ApiProperty({ example: 'Plenary Hall A' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ example: 1200, minimum: 1, maximum: 100000 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity!: number;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Theatre layout; podium and signing table on stage' })
  @IsNullable()
  @IsString()
  @MaxLength(4000)
  layoutNotes?: string | null;
}

export class UpdateRoomDto {
  @ApiPropertyOptional({ example: 'Plenary Hall A' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ example: 1200, minimum: 1, maximum: 100000 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity?: number;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsNullable()
  @IsString()
  @MaxLength(4000)
  layoutNotes?: string | null;
}
