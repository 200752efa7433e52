export * from './event.entity.js';
export * from './events.module.js';
export * from './events.service.js';
export * from './event-snapshots.js';
export * from './dto/event.dto.js';
export * from './dto/create-event.dto.js';
export * from './dto/update-event.dto.js';
export * from './dto/seats-per-delegation.dto.js';
