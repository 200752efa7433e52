import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsCountryCode } from './is-country-code.validator.js';
import { IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { FocalPointInputDto } from './register-delegation.dto.js';

export class UpdateFocalPointDto extends PartialType(FocalPointInputDto) {}

/** What a focal point (until the registration is decided) or an organiser may change. Members have their own routes. */
export class UpdateDelegationDto {
  @ApiPropertyOptional({ type: UpdateFocalPointDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => UpdateFocalPointDto)
  focalPoint?: UpdateFocalPointDto;

  @ApiPropertyOptional({ description: 'Organisations only' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  organisationName?: string;

  @ApiPropertyOptional({ description: 'Organisations only; null clears it', nullable: true, type: String })
  @IsOptional()
  @IsCountryCode()
  countryCode?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}
