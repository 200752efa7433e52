import 'reflect-metadata';
import { ConfigError, createLogger, loadConfig } from '@accord/core';
import { createWorkerApp } from './create-worker-app.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`accord-worker: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config, 'worker');
  let app;
  try {
    app = await createWorkerApp({ config, logger });
  } catch (error) {
    process.stderr.write(`accord-worker: ${(error as Error).message}\n`);
    process.exit(1);
  }
  // SIGTERM (orchestrators) and SIGINT (Ctrl-C): stop taking jobs, finish the ones in progress, then exit.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'worker did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  logger.info('worker started');
}

void main();
