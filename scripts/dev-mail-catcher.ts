import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP server for the quick start (scripts/up.sh runs it on 127.0.0.1:1025, the default SMTP_URL): accepts
 * every message, logs its subject and recipient count (never addresses), and keeps the last messages as .eml files
 * under .tools/mail, to open in any mail client.
 */
const HOST = '127.0.0.1';
const PORT = Number(process.env.MAIL_CATCHER_PORT ?? 1025);
const KEEP = 500;
// Runs from dist/scripts; the project root is two levels up.
const DIR = process.env.MAIL_CATCHER_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.tools', 'mail');

mkdirSync(DIR, { recursive: true });
let received = 0;

function prune(): void {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.eml'))
    .sort();
  for (const file of files.slice(0, Math.max(0, files.length - KEEP))) rmSync(join(DIR, file));
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks);
      const number = ++received;
      const recipients = session.envelope.rcptTo.length;
      const file = `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(number).padStart(6, '0')}.eml`;
      writeFileSync(join(DIR, file), raw);
      prune();
      simpleParser(raw)
        .then((mail) => console.log(`mail #${number}: "${mail.subject ?? ''}" to ${recipients} recipient(s)`))
        .catch(() => console.log(`mail #${number}: (unparsable) to ${recipients} recipient(s)`));
      callback(null, `queued as dev-${number}`);
    });
  },
});

server.on('error', (error) => console.error(`mail catcher: ${error.message}`));
server.listen(PORT, HOST, () => console.log(`mail catcher: smtp://${HOST}:${PORT}, messages kept in ${DIR}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
