import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { page, requestContext, type Caller, type Page } from '@accord/core';
import { AuditEntry, type ActorKind } from './audit-entry.entity.js';
import { diffChanges } from './audit-changes.js';
import type { AuditQueryDto } from './dto/audit-query.dto.js';

export interface AuditRecord {
  /** `<entity>.<verb>`, e.g. `delegation.approved`. */
  action: string;
  entityType: string;
  entityId: string;
  eventId?: string | null;
  /** Snapshots of the fields that matter, before and after the change (omit `before` on creation). */
  before?: object;
  after?: object;
  /** Defaults to the caller of the current request; pass one for work done outside a request. */
  caller?: Caller | { kind: 'system' };
}

function actorOf(caller: AuditRecord['caller']): { actorKind: ActorKind; actorId: string | null } {
  switch (caller?.kind) {
    case 'organiser':
      return { actorKind: 'organiser', actorId: caller.userId };
    case 'focal-point':
      return { actorKind: 'focal-point', actorId: caller.delegationId };
    case 'system':
      return { actorKind: 'system', actorId: null };
    case 'anonymous':
    case undefined:
      return { actorKind: 'anonymous', actorId: null };
  }
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** Appends an entry inside the caller's transaction, so the change and its record commit or vanish together. */
  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    await manager.insert(AuditEntry, this.entry(record));
  }

  /**
   * The row `record` inserts, for a caller that writes it itself as part of a larger statement (it must still
   * commit or vanish with the change it records). Reads the request context, so call it while serving the request.
   */
  entry(record: AuditRecord) {
    const context = requestContext.current();
    return {
      ...actorOf(record.caller ?? context?.caller),
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      eventId: record.eventId ?? null,
      changes: diffChanges(record.before, record.after) as AuditEntry['changes'] & object,
      requestId: context?.requestId ?? null,
      clientIp: context?.clientIp ?? null,
    };
  }

  async list(query: AuditQueryDto): Promise<Page<AuditEntry>> {
    const qb = this.entries.createQueryBuilder('a').orderBy('a.occurredAt', 'DESC').addOrderBy('a.id', 'DESC');
    if (query.entityType) qb.andWhere('a.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entityId = :entityId', { entityId: query.entityId });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.actorId) qb.andWhere('a.actorId = :actorId', { actorId: query.actorId });
    if (query.eventId) qb.andWhere('a.eventId = :eventId', { eventId: query.eventId });
    if (query.from) qb.andWhere('a.occurredAt >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('a.occurredAt < :to', { to: new Date(query.to) });
    const [items, total] = await qb.take(query.limit).skip(query.offset).getManyAndCount();
    return page(items, total, query);
  }
}
