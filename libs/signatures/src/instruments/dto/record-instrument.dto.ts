import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DEPOSITARY_NOTIFICATION } from '../../signatures/depositary-notification.js';
import { InstrumentKind } from '../instrument-kind.js';

export class RecordInstrumentDto {
  @ApiProperty({ example: 'VNM', description: 'The party, by catalogue code' })
  @IsString()
  @Matches(/^[A-Za-z]{2,3}$/, { message: 'participantCode must be a catalogue code such as VNM or EU' })
  participantCode!: string;

  @ApiProperty({
    enum: InstrumentKind,
    description:
      'accession for a party that did not sign; otherwise ratification (States), acceptance, approval, or ' +
      'formal_confirmation (REIOs), each after a signature',
  })
  @IsEnum(InstrumentKind)
  kind!: InstrumentKind;

  @ApiProperty({ format: 'date', example: '2026-03-02', description: 'Date of deposit with the depositary' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'depositedOn must be a date (YYYY-MM-DD)' })
  depositedOn!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  declarations?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  reservations?: string;

  @ApiPropertyOptional({ example: 'C.N.12.2026.TREATIES-XVIII.16' })
  @IsOptional()
  @Matches(DEPOSITARY_NOTIFICATION, { message: 'depositaryNotification must look like C.N.196.2025.TREATIES-XVIII.16' })
  depositaryNotification?: string;
}
