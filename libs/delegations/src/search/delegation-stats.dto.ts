import { ApiProperty } from '@nestjs/swagger';
import { KindGroup } from '../delegation-kind.js';

export class CapUsageDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Null: no cap' }) cap!: number | null;
  @ApiProperty() approved!: number;
  @ApiProperty() waitlisted!: number;
}

export class CapsDto {
  @ApiProperty({ type: CapUsageDto }) [KindGroup.Government]!: CapUsageDto;
  @ApiProperty({ type: CapUsageDto }) [KindGroup.NonGovernment]!: CapUsageDto;
}

const STATUS_COUNTS = {
  type: 'object',
  additionalProperties: { type: 'integer' },
  example: { submitted: 3, approved: 60, waitlisted: 2, rejected: 1, cancelled: 1 },
} as const;

export class DelegationStatsDto {
  @ApiProperty({ description: 'Delegations matching the filter' }) total!: number;
  @ApiProperty({ description: 'Their members (seats)' }) members!: number;
  @ApiProperty({ ...STATUS_COUNTS, description: 'By status' })
  byStatus!: Record<string, number>;
  @ApiProperty({
    type: 'object',
    additionalProperties: STATUS_COUNTS,
    description: 'By kind, then status',
  })
  byKind!: Record<string, Record<string, number>>;
  @ApiProperty({
    type: 'object',
    additionalProperties: STATUS_COUNTS,
    description: "By the State's UN regional group, then status (`none`: organisations, the EU, the Holy See)",
  })
  byRegionalGroup!: Record<string, Record<string, number>>;
  @ApiProperty({ type: CapsDto }) caps!: CapsDto;
}
