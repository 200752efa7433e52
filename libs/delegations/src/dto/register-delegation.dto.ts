import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsCountryCode } from './is-country-code.validator.js';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsEnum,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DELEGATION_KINDS, DelegationKind, isPartyKind } from '../delegation-kind.js';
import { FOCAL_POINT_LANGUAGES } from '../delegation.entity.js';
import { MemberInputDto, PHONE } from './member-input.dto.js';

export const MAX_MEMBERS_PER_REQUEST = 100;

export class FocalPointInputDto {
  @ApiProperty({ example: 'Tran Thi B' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'focal.point@mfa.example' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ example: '+84 24 1234 5678' })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a telephone number' })
  phone?: string;

  @ApiProperty({ enum: FOCAL_POINT_LANGUAGES, example: 'en', description: 'Language of the emails sent to them' })
  @IsIn(FOCAL_POINT_LANGUAGES)
  language!: (typeof FOCAL_POINT_LANGUAGES)[number];
}

/** The public registration form: the delegation, its focal point and its members, in one request. */
export class RegisterDelegationDto {
  @ApiProperty({ enum: DelegationKind, example: DelegationKind.State })
  @IsEnum(DelegationKind)
  kind!: DelegationKind;

  @ApiPropertyOptional({
    example: 'VNM',
    description: 'For `state` and `reio`: the participant code (ISO alpha-3, or EU) from GET /v1/participants',
  })
  @ValidateIf((o: RegisterDelegationDto) => isPartyKind(o.kind) || o.participantCode !== undefined)
  @IsString()
  @Matches(/^[A-Za-z]{2,3}$/, { message: 'participantCode must be an ISO alpha-3 code or EU' })
  participantCode?: string;

  @ApiPropertyOptional({ example: 'INTERPOL', description: 'For every other kind: the organisation name' })
  @ValidateIf(
    (o: RegisterDelegationDto) =>
      (DELEGATION_KINDS.includes(o.kind) && !isPartyKind(o.kind)) || o.organisationName !== undefined,
  )
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  organisationName?: string;

  @ApiPropertyOptional({ example: 'FRA', description: "For organisations: ISO alpha-3 of the seat's country" })
  @IsOptional()
  @IsCountryCode()
  countryCode?: string;

  @ApiProperty({ type: FocalPointInputDto })
  @IsObject()
  @ValidateNested()
  @Type(() => FocalPointInputDto)
  focalPoint!: FocalPointInputDto;

  @ApiProperty({ type: [MemberInputDto], description: 'Exactly one member has the role `head`' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MEMBERS_PER_REQUEST)
  @ValidateNested({ each: true })
  @Type(() => MemberInputDto)
  members!: MemberInputDto[];

  @ApiPropertyOptional({ example: 'Arriving on 24 October' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}
