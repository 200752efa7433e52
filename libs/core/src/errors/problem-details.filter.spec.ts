import type { FastifyRequest } from 'fastify';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { AppError } from './app-error.js';
import { isConnectionError, ProblemDetailsFilter } from './problem-details.filter.js';

const request = { url: '/v1/events/x/delegations', id: 'req-1' } as unknown as FastifyRequest;
const problems = new ProblemDetailsFilter();

function pgError(code: string, message: string): QueryFailedError {
  return new QueryFailedError('INSERT …', [], Object.assign(new Error(message), { code }));
}

describe('ProblemDetailsFilter', () => {
  it.each([
    [
      'PostgreSQL terminating the session (57P01)',
      pgError('57P01', 'terminating connection due to administrator command'),
    ],
    ['PostgreSQL starting up (57P03)', pgError('57P03', 'the database system is starting up')],
    ['a connection terminated mid-query', new Error('Connection terminated unexpectedly')],
    ["a transaction's query runner released when its connection died", new QueryRunnerAlreadyReleasedError()],
    ['the same, seen through the entity manager', new QueryRunnerProviderAlreadyReleasedError()],
    [
      'a pooled client whose session PostgreSQL ended',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    [
      'Redis refusing commands while disconnected',
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
    ],
    ['a Redis command timing out', new Error('Command timed out')],
  ])('should answer 503 SERVICE.UNAVAILABLE when the error is %s', (_what, error) => {
    expect(isConnectionError(error)).toBe(true);
    expect(problems.toProblem(error, request)).toMatchObject({
      status: 503,
      code: 'SERVICE.UNAVAILABLE',
      instance: '/v1/events/x/delegations',
      requestId: 'req-1',
    });
  });

  it('should answer 500 when the error is a bug, not an outage', () => {
    expect(problems.toProblem(new TypeError('x is undefined'), request)).toMatchObject({
      status: 500,
      code: 'INTERNAL.ERROR',
    });
  });

  it("should keep an AppError's status and code", () => {
    expect(problems.toProblem(new AppError(409, 'X.TAKEN', 'taken'), request)).toMatchObject({
      status: 409,
      code: 'X.TAKEN',
    });
  });
});
