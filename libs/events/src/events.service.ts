import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { AuditService } from '@accord/audit';
import { AppError, notFound, page, validationFailed, type Page, type PageQueryDto } from '@accord/core';
import { Event } from './event.entity.js';
import type { CreateEventDto } from './dto/create-event.dto.js';
import type { UpdateEventDto } from './dto/update-event.dto.js';

const pgCode = (error: unknown) => (error instanceof QueryFailedError ? (error as { code?: string }).code : undefined);

/** Called after a change to an event has committed (e.g. to drop caches that show its goal). */
export type EventChangeListener = (eventId: string) => void | Promise<void>;

@Injectable()
export class EventsService {
  private readonly listeners: EventChangeListener[] = [];

  constructor(
    @InjectRepository(Event) private readonly events: Repository<Event>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Lets other libraries react to event changes without the events library knowing them. */
  onChange(listener: EventChangeListener): void {
    this.listeners.push(listener);
  }

  async list(query: PageQueryDto): Promise<Page<Event>> {
    const [items, total] = await this.events.findAndCount({
      order: { startsOn: 'DESC', slug: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return page(items, total, query);
  }

  async get(id: string): Promise<Event> {
    const event = await this.events.findOneBy({ id });
    if (!event) throw notFound('Event', id);
    return event;
  }

  async create(dto: CreateEventDto): Promise<Event> {
    const event = this.events.create(this.toColumns(dto));
    this.checkCoherence(event);
    return this.save(event, 'event.created');
  }

  async update(id: string, dto: UpdateEventDto): Promise<Event> {
    const event = await this.get(id);
    const before = { ...event };
    Object.assign(event, this.toColumns(dto));
    this.checkCoherence(event);
    return this.save(event, 'event.updated', before);
  }

  private toColumns(dto: UpdateEventDto): Partial<Event> {
    const { registrationOpensAt, registrationClosesAt, ...rest } = dto;
    const columns: Partial<Event> = { ...rest };
    if (registrationOpensAt !== undefined)
      columns.registrationOpensAt = registrationOpensAt ? new Date(registrationOpensAt) : null;
    if (registrationClosesAt !== undefined)
      columns.registrationClosesAt = registrationClosesAt ? new Date(registrationClosesAt) : null;
    return columns;
  }

  /** The same rules as the table's CHECK constraints, said per field before PostgreSQL has to refuse. */
  private checkCoherence(event: Event): void {
    if (event.endsOn < event.startsOn) {
      throw validationFailed([{ field: 'endsOn', message: 'endsOn must not be before startsOn' }]);
    }
    if (event.signatureClosesOn && event.signatureClosesOn < event.startsOn) {
      throw validationFailed([
        { field: 'signatureClosesOn', message: 'signatureClosesOn must not be before startsOn' },
      ]);
    }
    if (
      event.registrationOpensAt &&
      event.registrationClosesAt &&
      event.registrationClosesAt <= event.registrationOpensAt
    ) {
      throw validationFailed([
        { field: 'registrationClosesAt', message: 'registrationClosesAt must be after registrationOpensAt' },
      ]);
    }
  }

  private async save(event: Event, action: string, before?: Event): Promise<Event> {
    try {
      const saved = await this.dataSource.transaction(async (manager) => {
        const saved = await manager.save(event);
        await this.audit.record(manager, {
          action,
          entityType: 'event',
          entityId: saved.id,
          eventId: saved.id,
          before,
          after: saved,
        });
        return saved;
      });
      for (const listener of this.listeners) await listener(saved.id);
      return saved;
    } catch (error) {
      if (pgCode(error) === '23505')
        throw new AppError(409, 'EVENT.SLUG_TAKEN', `An event with slug "${event.slug}" already exists`);
      throw error;
    }
  }
}
