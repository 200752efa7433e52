import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's headers, worked out once. They depend on the options alone, but @fastify/helmet builds a new helmet
 * middleware on every request (parsing the CSP directives again each time): on the hottest routes that was a
 * visible share of the API's CPU. Helmet itself computes them here, once, and each request gets the same list,
 * set on the raw response as helmet sets them (so streamed and hijacked answers carry them too).
 */
export function registerSecurityHeaders(fastify: FastifyInstance, options: HelmetOptions): void {
  const headers: Array<[string, string]> = [];
  const collector = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.push([name, String(value)]);
    },
    removeHeader() {
      // helmet drops X-Powered-By, which Fastify never sets
    },
  };
  helmet(options)({} as IncomingMessage, collector as unknown as ServerResponse, () => undefined);
  fastify.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}
