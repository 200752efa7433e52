import { User } from '@accord/accounts';
import { AuditEntry } from '@accord/audit';
import { DELEGATION_ENTITIES } from '@accord/delegations';
import { Event } from '@accord/events';
import { NOTIFICATION_ENTITIES } from '@accord/notifications';
import { SCHEDULING_ENTITIES } from '@accord/scheduling';
import { SIGNATURE_ENTITIES } from '@accord/signatures';

/**
 * Every TypeORM entity of Accord. The migration scripts and the drift check read this list; a test compares it
 * with what the running API registers, so an entity cannot be forgotten here.
 */
export const ALL_ENTITIES = [
  User,
  Event,
  ...NOTIFICATION_ENTITIES,
  AuditEntry,
  ...DELEGATION_ENTITIES,
  ...SCHEDULING_ENTITIES,
  ...SIGNATURE_ENTITIES,
];
