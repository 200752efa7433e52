import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin@accord.local' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;

  @ApiPropertyOptional({
    description: 'Six-digit code from the authenticator app, once TOTP is enabled',
    example: '123456',
  })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'totpCode must be six digits' })
  totpCode?: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456' })
  @Matches(/^\d{6}$/, { message: 'code must be six digits' })
  code!: string;
}

export class TotpEnrolmentDto {
  @ApiProperty({ description: 'Base32 secret, shown once; add it to an authenticator app' })
  secret!: string;

  @ApiProperty({ description: 'otpauth:// URI for a QR code' })
  otpauthUri!: string;
}

export class AccessTokenDto {
  @ApiProperty()
  accessToken!: string;

  @ApiProperty({ description: 'Lifetime of the token in seconds' })
  expiresIn!: number;
}
