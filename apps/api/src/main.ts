import './v8-tuning.js'; // first: see why there
import 'reflect-metadata';
import { ConfigError, loadConfig, Readiness } from '@accord/core';
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
  const log = app.getHttpAdapter().getInstance().log;
  log.info({ port: config.port }, `API listening on ${config.publicUrl} (docs at /docs)`);

  // SIGTERM (orchestrators): drain first (readiness 503, keep-alive connections closed after each answer, requests
  // still served) so the load balancer moves traffic away; then stop listening, finish the requests in flight, and
  // exit. Closing at once instead resets clients that just sent a request on a kept-alive connection (the API
  // SIGTERM drill). SIGINT (Ctrl-C) skips the drain.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const drainMs = signal === 'SIGTERM' ? config.shutdownDrainMs : 0;
    app.get(Readiness).drain();
    log.info({ signal, drainMs }, 'API draining, then stopping');
    setTimeout(() => {
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'API did not stop cleanly');
          process.exit(1);
        },
      );
    }, drainMs);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
