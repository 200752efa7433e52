import { createServer } from 'node:http';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP server in a process of its own that accepts every mail and counts deliveries per recipient, so a
 * benchmark can check "each once" without sharing a process with the sender it measures. Stats on HTTP `PORT`,
 * SMTP on `SMTP_PORT`.
 */
const perRecipient = new Map<string, number>();
let messages = 0;
let firstAt = 0;
let lastAt = 0;

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      messages += 1;
      lastAt = Date.now();
      firstAt ||= lastAt;
      for (const rcpt of session.envelope.rcptTo)
        perRecipient.set(rcpt.address, (perRecipient.get(rcpt.address) ?? 0) + 1);
      callback();
    });
  },
});
smtp.listen(Number(process.env.SMTP_PORT), '127.0.0.1');

const http = createServer((request, response) => {
  if (request.url === '/reset') {
    perRecipient.clear();
    messages = 0;
    firstAt = lastAt = 0;
  }
  const duplicates = [...perRecipient.values()].filter((n) => n > 1).length;
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ messages, recipients: perRecipient.size, duplicates, firstAt, lastAt }));
});
http.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  smtp.close(() => undefined);
  http.close(() => process.exit(0));
});
