import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { notFound, page, type Page } from '@accord/core';
import { Event } from '@accord/events';
import {
  DELEGATION_KINDS,
  DELEGATION_STATUSES,
  KindGroup,
  kindGroup,
  type DelegationKind,
} from '../delegation-kind.js';
import { Delegation } from '../delegation.entity.js';
import { DelegationMember } from '../delegation-member.entity.js';
import { REGIONAL_GROUPS } from '../participants/regional-group.js';
import type { DelegationFilterDto, DelegationQueryDto, DelegationSort } from './delegation-query.dto.js';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const SORT_COLUMNS: Record<string, string> = {
  name: 'sort_name',
  createdAt: 'd.created_at',
  statusChangedAt: 'd.status_changed_at',
  status: 'd.status',
  kind: 'd.kind',
};

export interface DelegationStats {
  total: number;
  members: number;
  byStatus: Record<string, number>;
  byKind: Record<string, Record<string, number>>;
  byRegionalGroup: Record<string, Record<string, number>>;
  caps: Record<KindGroup, { cap: number | null; approved: number; waitlisted: number }>;
}

/** The organisers' view of the registrations: search, sort, page, export and count. */
@Injectable()
export class DelegationSearchService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async event(eventId: string): Promise<Event> {
    const event = await this.dataSource.manager.findOneBy(Event, { id: eventId });
    if (!event) throw notFound('Event', eventId);
    return event;
  }

  /** One page of delegations (participant loaded, members not), with each one's member count. */
  async list(
    eventId: string,
    query: DelegationQueryDto,
  ): Promise<Page<Delegation> & { memberCounts: Map<string, number> }> {
    const qb = this.filtered(eventId, query);
    const total = await qb.clone().getCount();
    const items = await this.sorted(qb, query.sort).offset(query.offset).limit(query.limit).getMany();
    return { ...page(items, total, query), memberCounts: await this.memberCounts(items.map((d) => d.id)) };
  }

  /** Every matching delegation, members loaded: for exports. */
  async all(eventId: string, filter: DelegationFilterDto, sort?: DelegationSort): Promise<Delegation[]> {
    const items = await this.sorted(this.filtered(eventId, filter), sort).getMany();
    if (!items.length) return items;
    const members = await this.dataSource.manager.find(DelegationMember, {
      where: { delegationId: In(items.map((d) => d.id)) },
      order: { position: 'ASC', createdAt: 'ASC' },
    });
    for (const d of items) d.members = members.filter((m) => m.delegationId === d.id);
    return items;
  }

  async stats(eventId: string, filter: DelegationFilterDto): Promise<DelegationStats> {
    const event = await this.event(eventId);
    const rows: { kind: DelegationKind; status: string; group: string | null; n: string; members: string }[] =
      await this.filtered(eventId, filter)
        .select('d.kind', 'kind')
        .addSelect('d.status', 'status')
        .addSelect('p.regional_group', 'group')
        .addSelect('count(*)', 'n')
        .addSelect('sum((SELECT count(*) FROM delegation_members m WHERE m.delegation_id = d.id))', 'members')
        .groupBy('d.kind')
        .addGroupBy('d.status')
        .addGroupBy('p.regional_group')
        .getRawMany();
    const zeroStatuses = () => Object.fromEntries(DELEGATION_STATUSES.map((s) => [s, 0]));
    const stats: DelegationStats = {
      total: 0,
      members: 0,
      byStatus: zeroStatuses(),
      byKind: Object.fromEntries(DELEGATION_KINDS.map((k) => [k, zeroStatuses()])),
      byRegionalGroup: Object.fromEntries([...REGIONAL_GROUPS, 'none'].map((g) => [g, zeroStatuses()])),
      caps: {
        [KindGroup.Government]: { cap: event.maxGovernmentDelegations, approved: 0, waitlisted: 0 },
        [KindGroup.NonGovernment]: { cap: event.maxNonGovernmentDelegations, approved: 0, waitlisted: 0 },
      },
    };
    for (const row of rows) {
      const n = Number(row.n);
      stats.total += n;
      stats.members += Number(row.members);
      stats.byStatus[row.status]! += n;
      stats.byKind[row.kind]![row.status]! += n;
      // Organisations have no regional group; neither has the Holy See.
      stats.byRegionalGroup[row.group ?? 'none']![row.status]! += n;
      const cap = stats.caps[kindGroup(row.kind)];
      if (row.status === 'approved') cap.approved += n;
      if (row.status === 'waitlisted') cap.waitlisted += n;
    }
    return stats;
  }

  private filtered(eventId: string, filter: DelegationFilterDto): SelectQueryBuilder<Delegation> {
    const qb = this.dataSource.manager
      .createQueryBuilder(Delegation, 'd')
      .leftJoinAndSelect('d.participant', 'p')
      .where('d.event_id = :eventId', { eventId });
    if (filter.kind?.length) qb.andWhere('d.kind IN (:...kinds)', { kinds: filter.kind });
    if (filter.status?.length) qb.andWhere('d.status IN (:...statuses)', { statuses: filter.status });
    if (filter.regionalGroup?.length) qb.andWhere('p.regional_group IN (:...groups)', { groups: filter.regionalGroup });
    const text = filter.q?.trim();
    if (text) {
      qb.andWhere(
        `(d.organisation_name ILIKE :like OR d.focal_point_name ILIKE :like OR d.focal_point_email ILIKE :like
          OR p.code = upper(:exact)
          OR EXISTS (SELECT 1 FROM jsonb_each_text(p.names) AS n WHERE n.value ILIKE :like)
          OR EXISTS (SELECT 1 FROM delegation_members m
                     WHERE m.delegation_id = d.id AND (m.full_name ILIKE :like OR m.email ILIKE :like)))`,
        { like: `%${escapeLike(text)}%`, exact: text },
      );
    }
    return qb;
  }

  private sorted(
    qb: SelectQueryBuilder<Delegation>,
    sort: DelegationSort = 'createdAt',
  ): SelectQueryBuilder<Delegation> {
    const descending = sort.startsWith('-');
    const column = SORT_COLUMNS[sort.replace(/^-/, '')]!;
    return qb
      .addSelect('lower(COALESCE(p.name_en, d.organisation_name))', 'sort_name')
      .orderBy(column, descending ? 'DESC' : 'ASC')
      .addOrderBy('d.id', 'ASC');
  }

  private async memberCounts(ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows: { id: string; n: string }[] = await this.dataSource.query(
      'SELECT delegation_id AS id, count(*) AS n FROM delegation_members WHERE delegation_id = ANY($1) GROUP BY 1',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, Number(r.n)]));
  }
}
