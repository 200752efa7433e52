import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const seats = () => ApiPropertyOptional({ minimum: 1, maximum: 500, description: 'Most members per delegation' });

/** Seats per delegation by kind. The keys mirror the delegations library's DelegationKind (a test checks it). */
export class SeatsPerDelegationDto {
  @seats() @IsOptional() @IsInt() @Min(1) @Max(500) state?: number;
  @seats() @IsOptional() @IsInt() @Min(1) @Max(500) reio?: number;
  @seats() @IsOptional() @IsInt() @Min(1) @Max(500) igo?: number;
  @seats() @IsOptional() @IsInt() @Min(1) @Max(500) un_entity?: number;
  @seats() @IsOptional() @IsInt() @Min(1) @Max(500) ngo?: number;
  @seats() @IsOptional() @IsInt() @Min(1) @Max(500) private_sector?: number;
  @seats() @IsOptional() @IsInt() @Min(1) @Max(500) academia?: number;
}

export const SEAT_KINDS = ['state', 'reio', 'igo', 'un_entity', 'ngo', 'private_sector', 'academia'] as const;
