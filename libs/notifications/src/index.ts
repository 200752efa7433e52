export * from './notification-kinds.js';
export * from './recipient.js';
export * from './outbox/outbox-message.entity.js';
export * from './outbox/outbox.service.js';
export * from './notifications.module.js';
