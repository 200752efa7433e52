import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ORGANISER_ROLES, type Role } from '@accord/core';
import type { User } from '../user.entity.js';

/** Organiser passwords: at least 12 characters (NIST SP 800-63B favours length over composition rules). */
export const PASSWORD_MIN_LENGTH = 12;

export class CreateUserDto {
  @ApiProperty({ example: 'officer@accord.local' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Treaty Officer' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName!: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(256)
  password!: string;

  @ApiProperty({ enum: ORGANISER_ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ORGANISER_ROLES, { each: true })
  roles!: Role[];
}

export class UpdateUserDto extends PartialType(CreateUserDto) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ORGANISER_ROLES, isArray: true }) roles!: Role[];
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'Whether login requires a TOTP code' }) totpEnabled!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(user: User): UserDto {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      active: user.active,
      totpEnabled: user.totpEnabled,
      createdAt: user.createdAt.toISOString(),
    };
  }
}
