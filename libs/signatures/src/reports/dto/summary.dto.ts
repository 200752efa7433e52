import { ApiProperty } from '@nestjs/swagger';
import { RegionalGroup } from '@accord/delegations';
import { InstrumentKind } from '../../instruments/instrument-kind.js';

export class PartyRefDto {
  @ApiProperty({ example: 'VNM' }) code!: string;
  @ApiProperty({ example: 'Viet Nam' }) name!: string;
  @ApiProperty({ enum: ['state', 'reio'] }) kind!: 'state' | 'reio';
}

export class RegionalGroupCountDto {
  @ApiProperty({ enum: RegionalGroup, nullable: true, description: 'null: in no regional group (the Holy See)' })
  group!: RegionalGroup | null;
  @ApiProperty({ example: 'Asia-Pacific States' }) label!: string;
  @ApiProperty({ description: 'Signatory States of the group' }) states!: number;
}

export class DayCountDto {
  @ApiProperty({ format: 'date', description: "Day in the event's time zone" }) date!: string;
  @ApiProperty({ description: 'Signatures that day, REIOs included' }) signatures!: number;
  @ApiProperty({ description: 'Signatory States that day' }) states!: number;
  @ApiProperty({ description: 'Signatory States up to and including that day' }) cumulativeStates!: number;
}

export class RankBreakdownDto {
  @ApiProperty() headsOfState!: number;
  @ApiProperty() headsOfGovernment!: number;
  @ApiProperty() ministers!: number;
  @ApiProperty({ description: 'Other high-ranking officials (ambassadors, permanent representatives, …)' })
  otherOfficials!: number;
  @ApiProperty({ description: 'States represented' }) states!: number;
  @ApiProperty({ description: 'Regional economic integration organisations represented' }) reios!: number;
  @ApiProperty({
    example:
      '2 Heads of State, 1 Head of Government, 19 ministers and 3 other high-ranking officials, representing 25 States',
  })
  sentence!: string;
}

export class ThresholdInstrumentDto extends PartyRefDto {
  @ApiProperty({ enum: InstrumentKind }) instrument!: InstrumentKind;
  @ApiProperty({ format: 'date' }) depositedOn!: string;
}

export class InstrumentsSummaryDto {
  @ApiProperty({ description: 'Instruments needed for entry into force (States only)' }) threshold!: number;
  @ApiProperty({ description: 'Instruments deposited, REIOs included' }) deposited!: number;
  @ApiProperty({ description: "States' instruments, counted toward the threshold" }) counted!: number;
  @ApiProperty() remaining!: number;
  @ApiProperty({ example: { ratification: 3, acceptance: 0, approval: 1, accession: 0, formal_confirmation: 0 } })
  byKind!: Record<InstrumentKind, number>;
  @ApiProperty({ type: ThresholdInstrumentDto, nullable: true }) thresholdInstrument!: ThresholdInstrumentDto | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'General date of entry into force' })
  entryIntoForceOn!: string | null;
  @ApiProperty({ description: "Whether that date has come (in the event's time zone)" }) inForce!: boolean;
}

/** What the screens in the hall, the press and the organisers read: the count against the goal and the rest. */
export class SignatorySummaryDto {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'Hanoi Convention' }) treaty!: string;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timeZone!: string;
  @ApiProperty({ description: 'Signatory States sought (REIOs are listed but not counted)' }) goal!: number;
  @ApiProperty({ description: 'Signatory States' }) count!: number;
  @ApiProperty() remaining!: number;
  @ApiProperty({ description: 'count / goal × 100, one decimal; above 100 once the goal is passed' })
  percentage!: number;
  @ApiProperty() goalReached!: boolean;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Time of the signature that made the count reach the goal, in order of time of signature',
  })
  reachedAt!: string | null;
  @ApiProperty({ type: PartyRefDto, nullable: true }) reachedBy!: PartyRefDto | null;
  @ApiProperty({ description: 'All signatories, REIOs included' }) signatories!: number;
  @ApiProperty({ description: 'Signatory REIOs (listed, not counted toward the goal)' }) reios!: number;
  @ApiProperty({ type: [RegionalGroupCountDto] }) byRegionalGroup!: RegionalGroupCountDto[];
  @ApiProperty({ type: [DayCountDto] }) byDay!: DayCountDto[];
  @ApiProperty({ type: RankBreakdownDto }) ranks!: RankBreakdownDto;
  @ApiProperty({ type: InstrumentsSummaryDto }) instruments!: InstrumentsSummaryDto;
  @ApiProperty({ format: 'date-time', description: 'When this summary was computed' }) asOf!: string;
}
