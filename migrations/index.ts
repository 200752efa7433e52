// Every migration, in order. `npm run migration:generate -- <name>` appends to this list.
import { InitialSchema1795433303603 } from './1795433303603-initial-schema.js';
import { NotificationsOutbox1795433642847 } from './1795433642847-notifications-outbox.js';
import { AuditLog1795433834171 } from './1795433834171-audit-log.js';
import { AccountSecondFactor1795434072685 } from './1795434072685-account-second-factor.js';
import { DelegationsDataModel1795434169890 } from './1795434169890-delegations-data-model.js';
import { NotificationsPipeline1795434871008 } from './1795434871008-notifications-pipeline.js';
import { Scheduling1795435847186 } from './1795435847186-scheduling.js';
import { SignatoryTracking1795435893508 } from './1795435893508-signatory-tracking.js';
export const MIGRATIONS = [
  InitialSchema1795433303603,
  NotificationsOutbox1795433642847,
  AuditLog1795433834171,
  AccountSecondFactor1795434072685,
  DelegationsDataModel1795434169890,
  NotificationsPipeline1795434871008,
  Scheduling1795435847186,
  SignatoryTracking1795435893508,
];
