import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsEnum, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { MemberRole } from '../delegation-kind.js';
import { FOCAL_POINT_LANGUAGES } from '../delegation.entity.js';

/** E.164-ish: digits, spaces and the usual separators, optionally a leading +. */
export const PHONE = /^\+?[0-9 ()./-]{5,30}$/;

export class MemberInputDto {
  @ApiProperty({ example: 'Nguyen Van A' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  fullName!: string;

  @ApiPropertyOptional({ example: 'Minister of Public Security', description: 'Title or function' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ example: 'head@mfa.example' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+84 24 1234 5678' })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a telephone number' })
  phone?: string;

  @ApiPropertyOptional({ enum: FOCAL_POINT_LANGUAGES, default: 'en' })
  @IsOptional()
  @IsIn(FOCAL_POINT_LANGUAGES)
  preferredLanguage?: (typeof FOCAL_POINT_LANGUAGES)[number];

  @ApiProperty({ enum: MemberRole, example: MemberRole.Head })
  @IsEnum(MemberRole)
  role!: MemberRole;

  @ApiPropertyOptional({ example: 'Wheelchair access' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  accessibilityNeeds?: string;

  @ApiPropertyOptional({ example: 'Vegetarian meals; interpreter to French' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  protocolNeeds?: string;

  @ApiPropertyOptional({ default: false, description: 'Whether this person will sign for the party (States, REIOs)' })
  @IsOptional()
  @IsBoolean()
  willSign?: boolean;
}

export class UpdateMemberDto extends PartialType(MemberInputDto) {}
