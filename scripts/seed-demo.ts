import 'reflect-metadata';
import { loadConfig } from '@accord/core';
import { migrationDataSource } from './migration-data-source.js';
import { seedDelegations } from './seed/seed-delegations.js';
import { seedEvent } from './seed/seed-event.js';
import { seedProgramme } from './seed/seed-programme.js';
import { seedSignatures } from './seed/seed-signatures.js';

/**
 * `npm run seed:demo`: the Hanoi ceremony with realistic demo data. Idempotent: every step looks for what it
 * would create first, so running it twice changes nothing.
 */
async function main(): Promise<void> {
  const dataSource = await migrationDataSource(loadConfig().databaseUrl).initialize();
  try {
    await dataSource.transaction(async (manager) => {
      const event = await seedEvent(manager);
      process.stdout.write(`demo event: ${event.name} (${event.id})\n`);
      const delegations = await seedDelegations(manager, event);
      process.stdout.write(`delegations: ${delegations.created} added, ${delegations.total} in the demo\n`);
      const programme = await seedProgramme(manager, event);
      process.stdout.write(
        `programme: ${programme.rooms} rooms, ${programme.sessions} sessions and ${programme.appointments} signing appointments added\n`,
      );
      const signatures = await seedSignatures(manager, event);
      process.stdout.write(
        `signatures: ${signatures.signatures} added (${signatures.total} signatories in Hanoi), ${signatures.fullPowers} full powers\n`,
      );
    });
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
