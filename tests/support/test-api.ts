import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type AppConfig } from '@accord/core';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_ADMIN = { email: 'admin@accord.test', password: 'correct-horse-battery-staple' };

/** Environment for a suite of its own: its own database, its own BullMQ prefix, silent logs. */
export function testEnv(database: TestDatabase, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `accord_test_${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'silent',
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    ...overrides,
  };
}

export interface TestApi {
  app: NestFastifyApplication;
  config: AppConfig;
  database: TestDatabase;
  /** An organiser token for the bootstrap admin. */
  adminToken(): Promise<string>;
  /** Creates an organiser with the given roles and returns a token for it. */
  tokenFor(...roles: string[]): Promise<string>;
  close(): Promise<void>;
}

/** Boots the real API in-process (Fastify inject, no port) on a fresh database. */
export async function startTestApi(overrides: Record<string, string> = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  const config = loadConfig(testEnv(database, overrides));
  const app = await createApiApp({ config });
  const login = async (email: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    return (res.json() as { accessToken: string }).accessToken;
  };
  let admin: string | undefined;
  const adminToken = async () => (admin ??= await login(TEST_ADMIN.email, TEST_ADMIN.password));
  return {
    app,
    config,
    database,
    adminToken,
    async tokenFor(...roles: string[]) {
      const email = `${roles.join('-')}-${randomBytes(3).toString('hex')}@accord.test`;
      const password = 'a-long-enough-password';
      const res = await app.inject({
        method: 'POST',
        url: '/v1/users',
        headers: { authorization: `Bearer ${await adminToken()}` },
        payload: { email, displayName: roles.join(' '), password, roles },
      });
      if (res.statusCode !== 201) throw new Error(`user creation failed: ${res.statusCode} ${res.body}`);
      return login(email, password);
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
