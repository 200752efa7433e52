import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { ParticipantKind, RegionalGroup } from '../regional-group.js';

export class ParticipantQueryDto {
  @ApiPropertyOptional({ enum: ParticipantKind })
  @IsOptional()
  @IsEnum(ParticipantKind)
  kind?: ParticipantKind;

  @ApiPropertyOptional({ enum: RegionalGroup })
  @IsOptional()
  @IsEnum(RegionalGroup)
  regionalGroup?: RegionalGroup;

  @ApiPropertyOptional({ description: 'Part of a name (any language) or an ISO code', example: 'viet' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
