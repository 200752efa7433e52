import { ApiProperty } from '@nestjs/swagger';
import { RegionalGroup } from '@accord/delegations';
import { PartyRefDto } from './summary.dto.js';

export class SignatoryListItemDto {
  @ApiProperty({ description: 'Order of signature, from 1' }) order!: number;
  @ApiProperty({ type: PartyRefDto }) participant!: PartyRefDto;
  @ApiProperty({ enum: RegionalGroup, nullable: true }) regionalGroup!: RegionalGroup | null;
  @ApiProperty({ format: 'date-time', description: "In the event's time zone" }) signedAt!: string;
  @ApiProperty({ format: 'date', description: "Day of signature in the event's time zone" }) date!: string;
  @ApiProperty({ example: 'Hanoi' }) place!: string;
}

export class SignatoryListDto {
  @ApiProperty({ type: [SignatoryListItemDto] }) items!: SignatoryListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Signatory States (REIOs are listed but not counted toward the goal)' }) states!: number;
}
