import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients, lower-cased. */
  to: string[];
  raw: Buffer;
}

/** What the server answers to a message: accept (250), refuse with an SMTP code, or hold the answer back. */
export type Verdict = 'accept' | 'hold' | { code: number; message: string };

interface HeldMail {
  mail: ReceivedMail;
  session: SMTPServerSession;
  answer: (error: Error | null, message?: string) => void;
}

/**
 * A real SMTP server in the test process. A message counts as delivered only once the server has answered 250 on
 * a connection that is still open — which is what the sender sees as success, so "exactly once" means one accepted
 * message per recipient.
 */
export class SmtpSink {
  readonly accepted: ReceivedMail[] = [];
  /** Every DATA the server received, whatever it answered. */
  received = 0;
  /** Decides the answer to each message; the default accepts everything. */
  verdict: (mail: ReceivedMail) => Verdict = () => 'accept';
  /** Refuses a recipient at RCPT TO when it returns an error. */
  refuseRecipient: (address: string) => { code: number; message: string } | null = () => null;
  private readonly held: HeldMail[] = [];
  private readonly closedSessions = new Set<string>();
  private server!: SMTPServer;
  port = 0;

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink();
    sink.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 10 * 1024 * 1024,
      onRcptTo: (address, _session, callback) => {
        const refusal = sink.refuseRecipient(address.address.toLowerCase());
        if (!refusal) return callback();
        callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          sink.received += 1;
          const mail = { to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), raw: Buffer.concat(chunks) };
          const verdict = sink.verdict(mail);
          if (verdict === 'accept') {
            sink.accepted.push(mail);
            callback(null, `queued as test-${sink.received}`);
          } else if (verdict === 'hold') {
            sink.held.push({ mail, session, answer: callback });
          } else {
            callback(Object.assign(new Error(verdict.message), { responseCode: verdict.code }));
          }
        });
      },
      onClose: (session) => {
        sink.closedSessions.add(session.id);
      },
    });
    sink.server.on('error', () => undefined); // clients killed mid-message are expected in these tests
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    sink.port = (sink.server.server.address() as { port: number }).port;
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get heldCount(): number {
    return this.held.length;
  }

  /** Answers 250 to every held message whose connection is still open; the others were never delivered. */
  releaseHeld(): void {
    for (const { mail, session, answer } of this.held.splice(0)) {
      if (this.closedSessions.has(session.id)) continue;
      this.accepted.push(mail);
      answer(null, 'queued after hold');
    }
  }

  /** Drops held messages unanswered (their sender was killed). */
  dropHeld(): void {
    this.held.splice(0);
  }

  acceptedFor(address: string): ReceivedMail[] {
    return this.accepted.filter((m) => m.to.includes(address.toLowerCase()));
  }

  /** Accepted messages per recipient address. */
  countsByRecipient(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const mail of this.accepted) for (const to of mail.to) counts.set(to, (counts.get(to) ?? 0) + 1);
    return counts;
  }

  async close(): Promise<void> {
    this.releaseHeld();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function parseMail(mail: ReceivedMail): Promise<ParsedMail> {
  return simpleParser(mail.raw);
}

/** A header as sent (unfolded), for the ones mailparser restructures (List-*). */
export function rawHeader(mail: ParsedMail, name: string): string {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line ?? '';
  return line.replace(/\r?\n\s+/g, ' ').replace(/^[^:]+:\s*/, '');
}
