import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  DataSource,
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { AppError } from './app-error.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const CODES_BY_STATUS: Record<number, string> = {
  400: 'REQUEST.MALFORMED',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'ROUTE.NOT_FOUND',
  405: 'ROUTE.METHOD_NOT_ALLOWED',
  406: 'REQUEST.NOT_ACCEPTABLE',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMIT.EXCEEDED',
};

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  requestId: string;
  [extension: string]: unknown;
}

/** Errors from PostgreSQL or Redis that mean "the service is unreachable", not "the request is wrong". */
export function isConnectionError(error: unknown): boolean {
  // TypeORM releases a transaction's query runner when its connection dies (PostgreSQL restarted or failed over):
  // the transaction's next query then fails with one of these instead of the connection error.
  if (error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError)
    return true;
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'ETIMEDOUT' ||
    code === '57P01' ||
    code === '57P03' ||
    code === '08006' ||
    code === '08001' ||
    code === '08003' ||
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Redis|MaxRetriesPerRequest|is not queryable|Stream isn't writeable|Command timed out|Connection is closed/i.test(
      message,
    )
  );
}

/** Turns every error into an RFC 9457 problem+json body with a stable `code` and the request id. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Optional() @InjectDataSource() private readonly dataSource?: DataSource) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(exception, request);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, requestId: problem.requestId, code: problem.code }, 'request failed');
    }
    if (typeof problem.retryAfterSeconds === 'number')
      void reply.header('retry-after', String(problem.retryAfterSeconds));
    else if (problem.status === 503) void reply.header('retry-after', '5');
    void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
  }

  toProblem(exception: unknown, request: FastifyRequest): ProblemDetails {
    // The path only: a query string may carry a credential (the calendar feed's ?token=), never echoed back.
    const base = { instance: request.url.split('?')[0]!, requestId: String(request.id) };
    if (exception instanceof AppError) {
      return this.problem(exception.status, exception.code, exception.detail, base, exception.extensions);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : String((response as { message?: unknown }).message ?? exception.message);
      const code =
        status === 400 && /JSON/.test(message)
          ? 'REQUEST.MALFORMED_JSON'
          : (CODES_BY_STATUS[status] ?? `HTTP.${status}`);
      return this.problem(status, code, message, base);
    }
    // Fastify's own errors (malformed JSON, body too large, wrong content type) carry a statusCode.
    const fastifyStatus = (exception as { statusCode?: number } | null)?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      const message = exception instanceof Error ? exception.message : 'Bad request';
      const code =
        (exception as { code?: string }).code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/i.test(message)
          ? 'REQUEST.MALFORMED_JSON'
          : (CODES_BY_STATUS[fastifyStatus] ?? `HTTP.${fastifyStatus}`);
      return this.problem(fastifyStatus, code, message, base);
    }
    // SQLSTATE class 22 (data exception: bad text representation, NUL byte, out-of-range number or date) comes
    // from a value the client sent that validation let through: the client's mistake, not the server's.
    if (exception instanceof QueryFailedError && /^22/.test(String((exception as { code?: string }).code))) {
      return this.problem(400, 'REQUEST.INVALID_VALUE', 'A value in the request cannot be stored as given', base);
    }
    // Before the first successful connection TypeORM has no metadata yet: the database is unreachable, not broken.
    if (isConnectionError(exception) || (this.dataSource && !this.dataSource.isInitialized)) {
      return this.problem(503, 'SERVICE.UNAVAILABLE', 'A backing service is unavailable; retry shortly', base);
    }
    return this.problem(500, 'INTERNAL.ERROR', 'An unexpected error occurred', base);
  }

  private problem(
    status: number,
    code: string,
    detail: string,
    base: { instance: string; requestId: string },
    extensions: Record<string, unknown> = {},
  ): ProblemDetails {
    // Extensions first: a service's extra field can never overwrite a standard member (status, code, …).
    return {
      ...extensions,
      type: `https://accord.dev/problems/${code.toLowerCase().replace(/[._]/g, '-')}`,
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      code,
      ...base,
    };
  }
}
