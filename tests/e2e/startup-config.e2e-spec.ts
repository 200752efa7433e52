import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const MAIN = 'dist/apps/api/src/main.js';

describe('Start-up configuration (e2e)', () => {
  it('should refuse to start with one clear line naming DATABASE_URL when it is malformed', () => {
    expect(existsSync(MAIN)).toBe(true); // scripts/test.sh builds before testing
    const result = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'postgres//missing-colon' },
      encoding: 'utf8',
      timeout: 20000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr.trim()).toBe(
      'accord-api: Invalid configuration: DATABASE_URL is not a valid URL (expected postgres or postgresql://…)',
    );
  });

  it('should refuse to start in production with the default JWT secret', () => {
    const result = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production' },
      encoding: 'utf8',
      timeout: 20000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('JWT_SECRET');
  });
});
