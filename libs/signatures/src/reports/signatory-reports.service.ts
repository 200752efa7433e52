import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { toZonedIso } from '@accord/core';
import type { Event } from '@accord/events';
import { localDate } from '../signatures/signature-window.js';
import type { ChartInput } from './chart-model.js';
import { chartSvg } from './chart-svg.js';
import type { SignatoryListItemDto } from './dto/signatory-list.dto.js';
import type { SignatoryRow } from './signatory-summary.js';
import { SignatorySummaryService } from './signatory-summary.service.js';
import { signatoryReportPdf } from './signatory-report-pdf.js';
import { SummaryCache } from './summary-cache.service.js';
import type { SignatorySummaryDto } from './dto/summary.dto.js';

export type ChartPeriod = 'all' | 'ceremony';

/** The public list, the chart and the organisers' PDF, from the standing signatures. */
@Injectable()
export class SignatoryReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly summaries: SignatorySummaryService,
    private readonly cache: SummaryCache,
  ) {}

  async list(eventId: string): Promise<{ event: Event; items: SignatoryListItemDto[]; rows: SignatoryRow[] }> {
    const event = await this.summaries.event(eventId);
    const rows = await this.summaries.standingSignatures(this.dataSource.manager, eventId);
    return {
      event,
      rows,
      items: rows.map((r, index) => ({
        order: index + 1,
        participant: { code: r.code, name: r.name, kind: r.partyKind },
        regionalGroup: r.regionalGroup,
        signedAt: toZonedIso(r.signedAt, event.timeZone),
        date: localDate(r.signedAt, event.timeZone),
        place: r.place,
      })),
    };
  }

  private chartInput(event: Event, rows: SignatoryRow[], period: ChartPeriod): ChartInput {
    const day = (date: string) => DateTime.fromISO(date, { zone: event.timeZone });
    const opening = day(event.startsOn).set({ hour: 8 }).toJSDate();
    const closing = day(event.endsOn).set({ hour: 20 }).toJSDate();
    const ceremony = period === 'ceremony';
    return {
      title: `${event.treatyShortTitle}: signatories${ceremony ? ` in ${event.city}` : ''}`,
      goal: event.signatoryGoal,
      timeZone: event.timeZone,
      signatures: rows.map((r) => ({ signedAt: r.signedAt, partyKind: r.partyKind, name: r.name })),
      from: ceremony ? day(event.startsOn).toJSDate() : undefined,
      to: ceremony ? day(event.endsOn).endOf('day').toJSDate() : undefined,
      fallback: { from: opening, to: closing },
    };
  }

  async chart(eventId: string, period: ChartPeriod): Promise<string> {
    const { event, rows } = await this.list(eventId);
    return chartSvg(this.chartInput(event, rows, period));
  }

  async pdf(eventId: string): Promise<{ event: Event; pdf: Buffer }> {
    const { event, rows, items } = await this.list(eventId);
    const summary = JSON.parse((await this.cache.get(eventId)).body) as SignatorySummaryDto;
    const people: Array<{ code: string; signatory_name: string; rank: string }> = await this.dataSource.query(
      `SELECT p.code, s.signatory_name, s.rank FROM signatures s JOIN participants p ON p.id = s.participant_id
        WHERE s.event_id = $1 AND s.voided_at IS NULL`,
      [eventId],
    );
    const pdf = await signatoryReportPdf({
      event,
      summary,
      list: items,
      chart: this.chartInput(event, rows, 'all'),
      signatories: new Map(people.map((p) => [p.code, { name: p.signatory_name, rank: p.rank }])),
      generatedAt: new Date(),
    });
    return { event, pdf };
  }
}
