import { DataSource } from 'typeorm';
import { databaseOptions } from '@accord/core';
import { MIGRATIONS } from '../migrations/index.js';
import { ALL_ENTITIES } from './all-entities.js';

/** A data source that knows every entity and every migration: for running, generating and checking migrations. */
export function migrationDataSource(url: string): DataSource {
  return new DataSource(databaseOptions(url, { entities: ALL_ENTITIES, migrations: MIGRATIONS, logging: false }));
}

/** The SQL that would bring the database in line with the entities; empty when migrations and entities agree. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return { up: log.upQueries.map((q) => q.query), down: log.downQueries.map((q) => q.query) };
}
