import { ApiProperty } from '@nestjs/swagger';
import { MemberRole } from '../delegation-kind.js';
import type { DelegationMember } from '../delegation-member.entity.js';
import { FOCAL_POINT_LANGUAGES } from '../delegation.entity.js';

export class MemberDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Nguyen Van A' }) fullName!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Minister of Public Security' }) title!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ enum: FOCAL_POINT_LANGUAGES }) preferredLanguage!: string;
  @ApiProperty({ enum: MemberRole }) role!: MemberRole;
  @ApiProperty({ nullable: true, type: String }) accessibilityNeeds!: string | null;
  @ApiProperty({ nullable: true, type: String }) protocolNeeds!: string | null;
  @ApiProperty({ description: 'Whether this person will sign for the party' }) willSign!: boolean;
  @ApiProperty() position!: number;

  static from(m: DelegationMember): MemberDto {
    return {
      id: m.id,
      fullName: m.fullName,
      title: m.title,
      email: m.email,
      phone: m.phone,
      preferredLanguage: m.preferredLanguage,
      role: m.role,
      accessibilityNeeds: m.accessibilityNeeds,
      protocolNeeds: m.protocolNeeds,
      willSign: m.willSign,
      position: m.position,
    };
  }
}
