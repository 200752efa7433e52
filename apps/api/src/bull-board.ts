import { createBullBoard } from '@bull-board/api';
import type { IServerAdapter } from '@bull-board/api/typings/app';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isConnectionError, ProblemDetailsFilter, TokenService, type AppConfig } from '@accord/core';
import { NotificationQueues } from '@accord/notifications';

export const BULL_BOARD_PATH = '/admin/queues';
const COOKIE = 'accord_queues';

function problem(reply: FastifyReply, request: FastifyRequest, status: 401 | 403, code: string, detail: string) {
  return reply
    .status(status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send({
      type: `https://accord.dev/problems/${code.toLowerCase().replace(/[._]/g, '-')}`,
      title: status === 401 ? 'Unauthorized' : 'Forbidden',
      status,
      detail,
      code,
      instance: request.url.split('?')[0],
      requestId: String(request.id),
    });
}

function cookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * The BullMQ dashboard, for admins only. It is a Fastify plugin, outside Nest's routing, so the Access guard does
 * not cover it: a hook on its own scope checks an admin token instead. A browser cannot send a bearer header when
 * navigating, so `?token=<organiser JWT>` is exchanged once for an HttpOnly cookie scoped to the dashboard (it
 * expires with the token); API clients can send `Authorization: Bearer` as usual. The board is read-only: deliveries
 * are retried through POST /v1/notifications/{id}/retry, which keeps PostgreSQL (and the audit trail) in charge.
 */
export async function mountBullBoard(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const tokens = app.get(TokenService);
  const serverAdapter = new FastifyAdapter().setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: app
      .get(NotificationQueues)
      .all()
      .map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    // @bull-board/fastify bundles its own copy of @bull-board/api (a patch version apart): same shape, other types.
    serverAdapter: serverAdapter as unknown as IServerAdapter,
    options: { uiConfig: { boardTitle: 'Accord queues' } },
  });
  // Bull Board renders its own errors (its plugin has its own error handler, a 500 for everything). Every dashboard
  // call needs Redis: while Redis is down that is a 503, like anywhere else in the API; the onSend hook below turns
  // the answer into problem+json. (Its HTTPStatus type lacks 503; the adapter sends whatever status it is given.)
  const logger = new Logger('QueueDashboard');
  serverAdapter.setErrorHandler((error: Error) => {
    const unavailable = isConnectionError(error);
    if (!unavailable) logger.error({ err: error }, 'queue dashboard request failed');
    return { status: (unavailable ? 503 : 500) as 500, body: {} };
  });
  const problems = new ProblemDetailsFilter();
  await app
    .getHttpAdapter()
    .getInstance()
    .register(async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        const query = request.query as Record<string, unknown>;
        const fromQuery = typeof query.token === 'string' ? query.token : undefined;
        const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
        const token = fromQuery ?? bearer ?? cookie(request, COOKIE);
        if (!token) return problem(reply, request, 401, 'AUTH.UNAUTHENTICATED', 'Valid credentials are required');
        const caller = tokens.verify(token);
        if (!caller) return problem(reply, request, 401, 'AUTH.UNAUTHENTICATED', 'Valid credentials are required');
        if (!caller.roles.includes('admin')) {
          return problem(reply, request, 403, 'AUTH.FORBIDDEN', 'The queue dashboard is for admins');
        }
        if (fromQuery) {
          const secure = config.publicUrl.startsWith('https:') ? '; Secure' : '';
          return reply
            .header(
              'set-cookie',
              `${COOKIE}=${encodeURIComponent(token)}; Path=${BULL_BOARD_PATH}; HttpOnly; SameSite=Strict; ` +
                `Max-Age=${config.jwtTtlSeconds}${secure}`,
            )
            .redirect(request.url.split('?')[0]!, 303);
        }
      });
      scope.addHook('onSend', async (request, reply, payload) => {
        if (reply.statusCode !== 500 && reply.statusCode !== 503) return payload;
        const error =
          reply.statusCode === 503
            ? new AppError(503, 'SERVICE.UNAVAILABLE', 'The queues are unavailable (Redis); retry shortly')
            : new Error('queue dashboard failed');
        if (reply.statusCode === 503) void reply.header('retry-after', '5');
        void reply.header('content-type', 'application/problem+json; charset=utf-8');
        return JSON.stringify(problems.toProblem(error, request));
      });
      await scope.register(serverAdapter.registerPlugin(), { prefix: BULL_BOARD_PATH });
    });
}
