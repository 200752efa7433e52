import { toZonedIso, type CsvColumn } from '@accord/core';
import { MemberRole } from '../delegation-kind.js';
import type { DelegationMember } from '../delegation-member.entity.js';
import type { Delegation } from '../delegation.entity.js';
import { delegationName } from '../dto/delegation.dto.js';

/** Export columns are stable, snake_case names: spreadsheets and scripts key on them. */
export function delegationColumns(timeZone: string): CsvColumn<Delegation>[] {
  const head = (d: Delegation) => d.members?.find((m) => m.role === MemberRole.Head);
  return [
    { header: 'delegation_id', value: (d) => d.id },
    { header: 'kind', value: (d) => d.kind },
    { header: 'name', value: (d) => delegationName(d) },
    { header: 'name_fr', value: (d) => d.participant?.nameFr ?? d.organisationName },
    { header: 'participant_code', value: (d) => d.participant?.code },
    { header: 'regional_group', value: (d) => d.participant?.regionalGroup },
    { header: 'organisation_name', value: (d) => d.organisationName },
    { header: 'country_code', value: (d) => d.countryCode },
    { header: 'status', value: (d) => d.status },
    { header: 'status_changed_at', value: (d) => toZonedIso(d.statusChangedAt, timeZone) },
    { header: 'status_reason', value: (d) => d.statusReason },
    { header: 'focal_point_name', value: (d) => d.focalPointName },
    { header: 'focal_point_email', value: (d) => d.focalPointEmail },
    { header: 'focal_point_phone', value: (d) => d.focalPointPhone },
    { header: 'focal_point_language', value: (d) => d.focalPointLanguage },
    { header: 'head_name', value: (d) => head(d)?.fullName },
    { header: 'head_title', value: (d) => head(d)?.title },
    { header: 'member_count', value: (d) => d.members?.length ?? 0 },
    {
      header: 'signers',
      value: (d) =>
        (d.members ?? [])
          .filter((m) => m.willSign)
          .map((m) => m.fullName)
          .join('; '),
    },
    { header: 'notes', value: (d) => d.notes },
    { header: 'registered_at', value: (d) => toZonedIso(d.createdAt, timeZone) },
  ];
}

export interface MemberRow {
  delegation: Delegation;
  member: DelegationMember;
}

/** One row per person: for badges, seating and the list of participants. */
export function memberColumns(): CsvColumn<MemberRow>[] {
  return [
    { header: 'delegation_id', value: (r) => r.delegation.id },
    { header: 'delegation_name', value: (r) => delegationName(r.delegation) },
    { header: 'kind', value: (r) => r.delegation.kind },
    { header: 'participant_code', value: (r) => r.delegation.participant?.code },
    { header: 'delegation_status', value: (r) => r.delegation.status },
    { header: 'member_id', value: (r) => r.member.id },
    { header: 'full_name', value: (r) => r.member.fullName },
    { header: 'title', value: (r) => r.member.title },
    { header: 'role', value: (r) => r.member.role },
    { header: 'email', value: (r) => r.member.email },
    { header: 'phone', value: (r) => r.member.phone },
    { header: 'preferred_language', value: (r) => r.member.preferredLanguage },
    { header: 'will_sign', value: (r) => (r.member.willSign ? 'yes' : 'no') },
    { header: 'accessibility_needs', value: (r) => r.member.accessibilityNeeds },
    { header: 'protocol_needs', value: (r) => r.member.protocolNeeds },
  ];
}

export const memberRows = (delegations: Delegation[]): MemberRow[] =>
  delegations.flatMap((delegation) => (delegation.members ?? []).map((member) => ({ delegation, member })));
