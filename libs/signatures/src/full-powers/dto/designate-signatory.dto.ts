import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { SignatoryCapacity, SignatoryRank } from '../../shared/signatory-capacity.js';

export class DesignateSignatoryDto {
  @ApiProperty({ example: 'Dang Hoang Giang', description: 'As the full powers will name the representative' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  fullName!: string;

  @ApiPropertyOptional({ example: 'Permanent Representative to the United Nations' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiProperty({
    enum: SignatoryCapacity,
    description:
      'head_of_state, head_of_government and minister_for_foreign_affairs sign without full powers (VCLT art. 7(2)(a)); ' +
      'anyone else, and any representative of a REIO, needs them',
  })
  @IsEnum(SignatoryCapacity)
  capacity!: SignatoryCapacity;

  @ApiPropertyOptional({
    enum: SignatoryRank,
    description: 'For capacity `other`: `minister` (e.g. a minister of justice) or `official` (default)',
  })
  @IsOptional()
  @IsEnum(SignatoryRank)
  rank?: SignatoryRank;

  @ApiPropertyOptional({ format: 'uuid', description: 'The delegation member who will sign, if listed' })
  @IsOptional()
  @IsUUID()
  memberId?: string;
}
