// Every migration, in order. `npm run migration:generate -- <name>` appends to this list.
import { InitialSchema1795433303603 } from './1795433303603-initial-schema.js';
import { NotificationsOutbox1795433642847 } from './1795433642847-notifications-outbox.js';
import { DelegationsDataModel1795434056991 } from './1795434056991-delegations-data-model.js';
export const MIGRATIONS = [
  InitialSchema1795433303603,
  NotificationsOutbox1795433642847,
  DelegationsDataModel1795434056991,
];
