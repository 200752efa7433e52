import { Writable } from 'node:stream';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger({ logLevel: 'trace' }, 'test', stream) };
}

describe('createLogger', () => {
  it('should redact personal data and secrets wherever they sit in a logged object', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        email: 'head@mfa.example',
        member: { phone: '+84 24 1234 5678', passportNumber: 'C1234567' },
        token: 'fp_secret',
      },
      'registered',
    );
    const text = lines.join('');
    expect(text).not.toMatch(/head@mfa\.example|1234 5678|C1234567|fp_secret/);
    expect(text).toContain('registered');
  });

  it('should not log the bound values or the key detail of a failed query', () => {
    const { lines, logger } = capture();
    const err = Object.assign(new Error('duplicate key value violates unique constraint'), {
      query: 'INSERT INTO delegation_members (email) VALUES ($1)',
      parameters: ['head@mfa.example'],
      detail: 'Key (email)=(head@mfa.example) already exists.',
      driverError: { detail: 'Key (email)=(head@mfa.example) already exists.' },
    });
    logger.error({ err }, 'request failed');
    expect(lines.join('')).not.toContain('head@mfa.example');
  });

  it('should log request URLs without their query string', () => {
    const { lines, logger } = capture();
    logger.info({ req: { id: '1', method: 'GET', url: '/v1/calendar.ics?token=fp_abc' } }, 'request');
    expect(lines.join('')).not.toContain('fp_abc');
  });
});
