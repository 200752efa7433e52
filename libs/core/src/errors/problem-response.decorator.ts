import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Validation failed or the request is malformed (problem+json with an `errors` list)',
  401: 'Missing, expired or invalid credentials',
  403: 'The caller may not perform this action',
  404: 'No such resource (or not visible to this caller)',
  409: 'The request conflicts with the current state',
  413: 'The request body or upload is too large',
  415: 'Unsupported content type',
  422: 'The request is well-formed but breaks a rule of the domain',
  429: 'Too many requests',
  503: 'A backing service is unavailable',
};

/** Documents the problem+json error responses a route can give, in the OpenAPI document. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
      }),
    ),
  );
}
