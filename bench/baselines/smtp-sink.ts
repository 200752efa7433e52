import { createServer } from 'node:http';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP server in a process of its own that accepts every mail and counts deliveries per recipient, so a
 * benchmark can check "each once" without sharing a process with the sender it measures. Stats on HTTP `PORT`,
 * SMTP on `SMTP_PORT`. `GET /log` lists every accepted mail (time, recipient, Message-ID), for the fault drills:
 * a copy with the same Message-ID is a resend a receiving system drops, another Message-ID a real duplicate.
 */
interface Received {
  at: number;
  rcpt: string;
  messageId: string | null;
}

const perRecipient = new Map<string, number>();
let log: Received[] = [];
let messages = 0;
let firstAt = 0;
let lastAt = 0;

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    let head = '';
    stream.on('data', (chunk: Buffer) => {
      if (head.length < 16_384 && !head.includes('\r\n\r\n')) head += chunk.toString('latin1');
    });
    stream.on('end', () => {
      messages += 1;
      lastAt = Date.now();
      firstAt ||= lastAt;
      const headers = head.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
      const messageId = /^Message-ID:\s*(\S+)/im.exec(headers)?.[1] ?? null;
      for (const rcpt of session.envelope.rcptTo) {
        perRecipient.set(rcpt.address, (perRecipient.get(rcpt.address) ?? 0) + 1);
        log.push({ at: lastAt, rcpt: rcpt.address, messageId });
      }
      callback();
    });
  },
});
// A client killed mid-session (a fault drill) resets its connection: that is its problem, not the server's.
smtp.on('error', () => undefined);
smtp.listen(Number(process.env.SMTP_PORT), '127.0.0.1');

const http = createServer((request, response) => {
  response.setHeader('content-type', 'application/json');
  if (request.url === '/log') {
    response.end(JSON.stringify(log));
    return;
  }
  if (request.url === '/reset') {
    perRecipient.clear();
    log = [];
    messages = 0;
    firstAt = lastAt = 0;
  }
  const duplicates = [...perRecipient.values()].filter((n) => n > 1).length;
  response.end(JSON.stringify({ messages, recipients: perRecipient.size, duplicates, firstAt, lastAt }));
});
http.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  smtp.close(() => undefined);
  http.close(() => process.exit(0));
});
