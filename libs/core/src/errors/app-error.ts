/** One field-level problem in a request, as listed in a problem+json `errors` array. */
export interface FieldError {
  /** JSON pointer-ish path of the field, e.g. `members[0].email`, or `query.limit`. */
  field: string;
  message: string;
}

/**
 * A failure the client can act on. Services throw these with a stable `code` (e.g. `DELEGATION.ALREADY_REGISTERED`);
 * the global filter renders them as RFC 9457 problem+json.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export const notFound = (what: string, id?: string) =>
  new AppError(
    404,
    `${what.toUpperCase().replace(/\s+/g, '_')}.NOT_FOUND`,
    id ? `${what} ${id} was not found` : `${what} was not found`,
  );

export const validationFailed = (errors: FieldError[], detail = 'The request is not valid') =>
  new AppError(400, 'VALIDATION.FAILED', detail, { errors });
