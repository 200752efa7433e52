import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Readiness, requestIdFor, type FastAnswer, type HttpFastLane } from '@accord/core';

/** Headers that belong to one answer, not to every answer: never copied from the probe. */
const PER_ANSWER = new Set([
  'content-type',
  'content-length',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'x-request-id',
  'etag',
  'cache-control',
  'vary',
]);

interface ServerOptions {
  keepAliveTimeout?: number;
  requestTimeout?: number;
  connectionTimeout?: number;
  maxRequestsPerSocket?: number;
}

/**
 * The HTTP server in front of Fastify: asks the fast lanes first (see HttpFastLane), then hands the request to
 * Fastify. Lanes are opened only once the application is ready; until then, and while draining before shutdown
 * (the framework adds `Connection: close`), every request goes to Fastify.
 */
export class FastLanes {
  private lanes: readonly HttpFastLane[] = [];
  /** What every answer carries (the security headers), copied from a real answer of the framework. */
  private common: readonly string[] = [];
  private readiness?: Readiness;
  private readonly combined = new WeakMap<FastAnswer, readonly string[]>();

  /** For FastifyAdapter's `serverFactory`: the same server Fastify would build, with the lanes in front. */
  readonly serverFactory = (handler: RequestListener, options: ServerOptions): Server => {
    const server = createServer((request, response) => {
      if (!this.tryAnswer(request, response, handler)) handler(request, response);
    });
    // As Fastify sets them on the server it builds itself.
    if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
    if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout;
    if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    server.setTimeout(options.connectionTimeout ?? 0);
    return server;
  };

  /** Call after `app.init()`: learns the common headers from the framework itself, so both paths agree. */
  async open(app: NestFastifyApplication, lanes: readonly HttpFastLane[]): Promise<void> {
    const probe = await app.inject({ method: 'GET', url: '/health' });
    this.common = Object.entries(probe.headers)
      .filter(([name]) => !PER_ANSWER.has(name) && !name.startsWith('x-ratelimit-'))
      .flatMap(([name, value]) => (Array.isArray(value) ? value.map((v) => [name, v]) : [[name, String(value)]]))
      .flat();
    this.readiness = app.get(Readiness);
    this.lanes = lanes;
  }

  private tryAnswer(request: IncomingMessage, response: ServerResponse, fallback: RequestListener): boolean {
    if (!this.lanes.length || this.readiness?.draining) return false;
    for (const lane of this.lanes) {
      const answer = lane.answer(request);
      if (!answer) continue;
      if (!(answer instanceof Promise)) {
        this.write(request, response, answer);
        return true;
      }
      // Nothing is written until the answer is known, so a lane that declines late still leaves the request whole
      // for the framework (a GET has no body to have been read).
      answer
        .then(
          // Draining may have begun meanwhile: the framework's answer then asks the client to reconnect elsewhere.
          (late) =>
            late && !this.readiness?.draining ? this.write(request, response, late) : fallback(request, response),
          () => fallback(request, response),
        )
        .catch(() => response.destroy()); // never an unhandled rejection; the client sees the connection close
      return true;
    }
    return false;
  }

  /** Per answer (lanes reuse theirs), its headers after the common ones, built once. */
  private withCommon(answer: FastAnswer): readonly string[] {
    let headers = this.combined.get(answer);
    if (!headers) this.combined.set(answer, (headers = [...this.common, ...answer.headers]));
    return headers;
  }

  private write(request: IncomingMessage, response: ServerResponse, answer: FastAnswer): void {
    // A fast answer writes no log line, so a new request id would correlate nothing; a gateway's id is echoed.
    const own = answer.bare ? answer.headers : this.withCommon(answer);
    const given = request.headers['x-request-id'];
    response.writeHead(
      answer.status,
      // Node reads the list and keeps no reference to it: the shared list is safe to pass as it is.
      given === undefined ? (own as string[]) : [...own, 'x-request-id', requestIdFor(request.headers)],
    );
    response.end(answer.body);
  }
}
