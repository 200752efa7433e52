import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Redis } from 'ioredis';
import { AppError, MAX_JSON_DEPTH, nestsDeeperThan, REDIS, type AppConfig } from '@accord/core';
import { bufferedRedisStore } from './rate-limit-store.js';
import { registerSecurityHeaders } from './security-headers.js';

const UNLIMITED_PATHS = new Set(['/health', '/health/ready']);

/**
 * Security headers, a cap on how deep a body nests, CORS restricted to configured origins, and per-client rate
 * limits counted in Redis so they hold across API processes (bufferedRedisStore: counted in memory, added to Redis
 * every 20 ms, so no request waits for Redis). When Redis is down each process keeps limiting with its own counts;
 * the outage is reported by /health/ready. Routes can tighten their own limit with @RouteConfig({ rateLimit }).
 */
export async function registerHttpHardening(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  registerSecurityHeaders(app.getHttpAdapter().getInstance(), {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        // Swagger UI at /docs runs inline bootstrap code and styles.
        scriptSrc: [`'self'`, `'unsafe-inline'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:'],
      },
    },
  });
  // Before any route's handler: a body nested past any form's shape is refused whole (see MAX_JSON_DEPTH).
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', async (request) => {
      if (nestsDeeperThan(request.body)) {
        throw new AppError(400, 'REQUEST.TOO_DEEP', `The body nests deeper than ${MAX_JSON_DEPTH} levels`);
      }
    });
  await app.register(cors, {
    origin: config.corsOrigins.length ? config.corsOrigins : false,
    credentials: false,
    exposedHeaders: ['x-request-id', 'etag', 'retry-after', 'location'],
  });
  await app.register(rateLimit, {
    global: true,
    store: bufferedRedisStore(app.get<Redis>(REDIS), `${config.queuePrefix}:rate:`),
    skipOnError: true,
    timeWindow: 60_000,
    max: (request) =>
      request.headers.authorization ? config.rateLimitAuthenticatedPerMinute : config.rateLimitAnonymousPerMinute,
    allowList: (request) => UNLIMITED_PATHS.has(request.url.split('?')[0]!),
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) =>
      new AppError(429, 'RATE_LIMIT.EXCEEDED', `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`, {
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
  });
}
