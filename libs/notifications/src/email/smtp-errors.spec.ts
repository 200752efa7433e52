import { classifySmtpError } from './smtp-errors.js';

describe('classifySmtpError', () => {
  it('should treat a 5xx answer as permanent', () => {
    const error = Object.assign(new Error("Can't send mail"), {
      responseCode: 550,
      response: '550 5.1.1 <x@example.org>: Recipient address rejected',
    });
    expect(classifySmtpError(error)).toEqual({
      permanent: true,
      description: 'SMTP 550: 550 5.1.1 <x@example.org>: Recipient address rejected',
      code: 'SMTP 550',
    });
  });

  it('should treat an address nodemailer cannot use as permanent', () => {
    expect(classifySmtpError(Object.assign(new Error('No recipients defined'), { code: 'EENVELOPE' })).permanent).toBe(
      true,
    );
  });

  it('should treat 4xx answers and connection failures as transient', () => {
    expect(classifySmtpError(Object.assign(new Error('busy'), { responseCode: 451 })).permanent).toBe(false);
    const refused = classifySmtpError(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' }),
    );
    expect(refused).toEqual({
      permanent: false,
      description: 'ESOCKET: connect ECONNREFUSED 127.0.0.1:25',
      code: 'ESOCKET',
    });
  });
});
