import { ApiProperty } from '@nestjs/swagger';
import { DelegationDto } from './delegation.dto.js';

export class RegistrationResultDto {
  @ApiProperty({ type: DelegationDto }) delegation!: DelegationDto;

  @ApiProperty({
    example: 'fp_3q2-7wEjJc…',
    description:
      'The focal point\'s access token (send it as "Authorization: Bearer <token>"). Shown once: Accord keeps only ' +
      'its hash. Organisers can issue a new one if it is lost.',
  })
  focalPointToken!: string;
}

export class FocalPointTokenDto {
  @ApiProperty({ description: 'A new focal-point token, shown once; every earlier token of the delegation is revoked' })
  focalPointToken!: string;
}
