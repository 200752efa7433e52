import { checkMigrationDrift } from '../../scripts/migration-drift.js';
import { TEST_PG_URL } from '../support/test-database.js';

describe('Migrations (e2e)', () => {
  it('should leave nothing to generate when every migration is applied to an empty database', async () => {
    await expect(checkMigrationDrift(TEST_PG_URL)).resolves.toEqual([]);
  });
});
