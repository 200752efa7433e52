import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@accord/audit';
import { AppError, notFound } from '@accord/core';
import { Event } from '@accord/events';
import { FOREIGN_KEY_VIOLATION, pgError, UNIQUE_VIOLATION } from '../shared/pg-error.js';
import type { CreateRoomDto, UpdateRoomDto } from './dto/room-input.dto.js';
import { Room } from './room.entity.js';

const snapshot = (r: Room) => ({ name: r.name, capacity: r.capacity, layoutNotes: r.layoutNotes });

/** The venue's rooms, per event. */
@Injectable()
export class RoomsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async event(eventId: string): Promise<Event> {
    const event = await this.dataSource.manager.findOneBy(Event, { id: eventId });
    if (!event) throw notFound('Event', eventId);
    return event;
  }

  async list(eventId: string): Promise<Room[]> {
    await this.event(eventId);
    return this.dataSource.manager.find(Room, { where: { eventId }, order: { name: 'ASC' } });
  }

  async get(eventId: string, roomId: string, manager: EntityManager = this.dataSource.manager): Promise<Room> {
    const room = await manager.findOneBy(Room, { id: roomId, eventId });
    if (!room) throw notFound('Room', roomId);
    return room;
  }

  async create(eventId: string, dto: CreateRoomDto): Promise<Room> {
    await this.event(eventId);
    return this.write(dto.name, async (manager) => {
      const room = await manager.save(
        manager.create(Room, {
          eventId,
          name: dto.name.trim(),
          capacity: dto.capacity,
          layoutNotes: dto.layoutNotes?.trim() || null,
        }),
      );
      await this.audit.record(manager, {
        action: 'room.created',
        entityType: 'room',
        entityId: room.id,
        eventId,
        after: snapshot(room),
      });
      return room;
    });
  }

  async update(eventId: string, roomId: string, dto: UpdateRoomDto): Promise<Room> {
    return this.write(dto.name ?? '', async (manager) => {
      const room = await manager.findOne(Room, { where: { id: roomId, eventId }, lock: { mode: 'pessimistic_write' } });
      if (!room) throw notFound('Room', roomId);
      const before = snapshot(room);
      if (dto.name !== undefined) room.name = dto.name.trim();
      if (dto.capacity !== undefined) room.capacity = dto.capacity;
      if (dto.layoutNotes !== undefined) room.layoutNotes = dto.layoutNotes?.trim() || null;
      const saved = await manager.save(room);
      await this.audit.record(manager, {
        action: 'room.updated',
        entityType: 'room',
        entityId: room.id,
        eventId,
        before,
        after: snapshot(saved),
      });
      return saved;
    });
  }

  /** Only a room no session uses (cancelled ones included: they keep their room for the record). */
  async remove(eventId: string, roomId: string): Promise<void> {
    await this.write('', async (manager) => {
      const room = await this.get(eventId, roomId, manager);
      await manager.delete(Room, { id: room.id });
      await this.audit.record(manager, {
        action: 'room.deleted',
        entityType: 'room',
        entityId: room.id,
        eventId,
        before: snapshot(room),
      });
    });
  }

  private async write<T>(name: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      const { code } = pgError(error);
      if (code === UNIQUE_VIOLATION)
        throw new AppError(409, 'ROOM.NAME_TAKEN', `The event already has a room named "${name.trim()}"`);
      if (code === FOREIGN_KEY_VIOLATION)
        throw new AppError(409, 'ROOM.IN_USE', 'Sessions are placed in this room; move or delete them first');
      throw error;
    }
  }
}
