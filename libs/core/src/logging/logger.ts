import type { LoggerService } from '@nestjs/common';
import { pino, type Logger as PinoLogger } from 'pino';
import type { AppConfig } from '../config/app-config.js';

/**
 * Paths never written to logs. Personal data (emails, phones, passports, names) and secrets are censored wherever
 * they appear in a logged object, and request URLs are logged without their query string (tokens may ride there).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.accessToken',
  '*.secret',
  '*.email',
  '*.phone',
  '*.passportNumber',
  'password',
  'token',
  'secret',
  'email',
  'phone',
  'passportNumber',
];

/**
 * Errors are logged by a whitelist: a failed query carries its bound values and PostgreSQL's "Key (email)=(…)"
 * detail as properties, and neither may reach the logs.
 */
function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, routine, constraint, table } = error as Error & Record<string, unknown>;
  return { type: error.name, message: error.message, code, routine, constraint, table, stack: error.stack };
}

export function createLogger(
  config: Pick<AppConfig, 'logLevel'>,
  name: string,
  destination?: NodeJS.WritableStream,
): PinoLogger {
  return pino(
    {
      name,
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        err: serializeError,
        req: (req: { id?: string; method?: string; url?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url?.split('?')[0],
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
    destination as never,
  );
}

/** Nest's Logger routed to pino, so framework and application logs share one structured stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: PinoLogger) {}

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, params: unknown[]) {
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    if (message !== null && typeof message === 'object') {
      const text = params.find((p) => typeof p === 'string');
      this.pino[level]({ context, ...(message as object) }, text as string | undefined);
    } else {
      this.pino[level]({ context }, String(message));
    }
  }
  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    // Nest passes (message, stack, context); keep the stack as a field.
    if (typeof message === 'string' && params.length >= 2 && typeof params[0] === 'string') {
      this.pino.error({ context: params[1], stack: params[0] }, message);
      return;
    }
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
}
