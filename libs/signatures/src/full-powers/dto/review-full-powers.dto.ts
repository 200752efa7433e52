import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { FullPowersStatus } from '../full-powers.entity.js';

export class ReviewFullPowersDto {
  @ApiProperty({ enum: [FullPowersStatus.Verified, FullPowersStatus.Rejected] })
  @IsIn([FullPowersStatus.Verified, FullPowersStatus.Rejected])
  status!: FullPowersStatus.Verified | FullPowersStatus.Rejected;

  @ApiPropertyOptional({
    description: 'Required for a rejection; sent to the focal point',
    example: 'The instrument is not signed by the Minister for Foreign Affairs',
  })
  @ValidateIf((dto: ReviewFullPowersDto) => dto.status === FullPowersStatus.Rejected || dto.reason !== undefined)
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason?: string;
}

export class FullPowersQueryDto {
  @ApiPropertyOptional({ enum: FullPowersStatus })
  @IsOptional()
  @IsIn(Object.values(FullPowersStatus))
  status?: FullPowersStatus;
}
