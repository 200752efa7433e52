import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import {
  createLogger,
  createValidationPipe,
  loadConfig,
  PinoNestLogger,
  ProblemDetailsFilter,
  Readiness,
  requestContext,
  requestIdFor,
  type AppConfig,
} from '@accord/core';
import { SummaryFastLane } from '@accord/signatures';
import { ApiModule } from './api.module.js';
import { FastLanes } from './fast-lanes.js';
import { mountBullBoard } from './bull-board.js';
import { buildOpenApiDocument } from './openapi.js';
import { registerHttpHardening } from './http-hardening.js';

export interface ApiAppOptions {
  config?: AppConfig;
  logger?: PinoLogger;
}

/** Builds the configured (not yet listening) API. Used by main.ts, the e2e tests and the benchmarks alike. */
export async function createApiApp(options: ApiAppOptions = {}): Promise<NestFastifyApplication> {
  const config = options.config ?? loadConfig();
  const logger = options.logger ?? createLogger(config, 'api');
  const problems = new ProblemDetailsFilter();
  const fastLanes = new FastLanes();
  const adapter = new FastifyAdapter({
    // Errors Fastify answers itself, before Nest sees the request (a bad URL, a path parameter too long), are
    // problem+json too.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const problem = problems.toProblem(error, request);
      void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
    },
    loggerInstance: logger,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    // Honour a caller's X-Request-Id (from a gateway) when it is sane, otherwise mint one.
    genReqId: (req: IncomingMessage) => requestIdFor(req.headers),
    serverFactory: fastLanes.serverFactory,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  await registerHttpHardening(app, config);
  // Uploads (letters, CSV imports): one file per request; each route sets its own size limit below this one.
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10, parts: 12 } });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request) => {
    requestContext.enter({ requestId: String(request.id), clientIp: request.ip });
  });
  const readiness = app.get(Readiness);
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    // Draining before shutdown: the client should open its next connection elsewhere.
    if (readiness.draining) void reply.header('connection', 'close');
  });
  app.setGlobalPrefix('v1', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml' });
  await mountBullBoard(app, config);
  await app.init();
  await fastLanes.open(app, [app.get(SummaryFastLane)]);
  return app;
}
