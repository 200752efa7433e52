import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Event } from './event.entity.js';
import { EventsService } from './events.service.js';
import { EventsController } from './events.controller.js';
import { EventSnapshots } from './event-snapshots.js';

@Module({
  imports: [TypeOrmModule.forFeature([Event])],
  controllers: [EventsController],
  providers: [EventsService, EventSnapshots],
  exports: [EventsService, EventSnapshots],
})
export class EventsModule {}
