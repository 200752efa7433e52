import { QueryFailedError } from 'typeorm';

/** The SQLSTATE and constraint name of a PostgreSQL error, when it is one. */
export function pgError(error: unknown): { code?: string; constraint?: string } {
  if (!(error instanceof QueryFailedError)) return {};
  const { code, constraint } = error as QueryFailedError & { code?: string; constraint?: string };
  return { code, constraint };
}
