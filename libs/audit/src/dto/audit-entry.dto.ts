import { ApiProperty } from '@nestjs/swagger';
import type { AuditEntry } from '../audit-entry.entity.js';

export class AuditEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ enum: ['organiser', 'focal-point', 'anonymous', 'system'] }) actorKind!: string;
  @ApiProperty({ nullable: true, type: String }) actorId!: string | null;
  @ApiProperty() action!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ nullable: true, type: String }) eventId!: string | null;
  @ApiProperty({ description: 'Changed fields: { field: { from, to } }, personal data redacted' })
  changes!: Record<string, { from: unknown; to: unknown }>;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
  @ApiProperty({ nullable: true, type: String }) clientIp!: string | null;

  static from(entry: AuditEntry): AuditEntryDto {
    return {
      id: entry.id,
      occurredAt: entry.occurredAt.toISOString(),
      actorKind: entry.actorKind,
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      eventId: entry.eventId,
      changes: entry.changes,
      requestId: entry.requestId,
      clientIp: entry.clientIp,
    };
  }
}
