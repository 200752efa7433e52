export * from './accounts.module.js';
export * from './user.entity.js';
export * from './users.service.js';
export * from './password-hasher.js';
