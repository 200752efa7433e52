// Every migration, in order. `npm run migration:generate -- <name>` appends to this list.
import { InitialSchema1795433303603 } from './1795433303603-initial-schema.js';
import { NotificationsOutbox1795433569453 } from './1795433569453-notifications-outbox.js';
export const MIGRATIONS = [InitialSchema1795433303603, NotificationsOutbox1795433569453];
