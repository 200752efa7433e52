import 'reflect-metadata';
import { ConfigError, loadConfig } from '@accord/core';
import { createApiApp } from './create-api-app.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`accord-api: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createApiApp({ config });
  await app.listen({ port: config.port, host: '0.0.0.0' });
  app
    .getHttpAdapter()
    .getInstance()
    .log.info({ port: config.port }, `API listening on ${config.publicUrl} (docs at /docs)`);
}

void main();
