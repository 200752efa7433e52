/** A mail the SMTP sink accepted. */
export interface Received {
  at: number;
  rcpt: string;
  messageId: string | null;
}

export interface DeliveryReport {
  expected: number;
  received: number;
  /** Expected recipients with no mail. */
  missing: number;
  /** Recipients with more than one mail, whatever their Message-IDs (strict: what the SMTP server saw). */
  duplicated: number;
  /** Recipients with two different Message-IDs: duplicates no receiving system can drop. */
  distinctDuplicates: number;
  /** Extra copies with a Message-ID already received (a resend after a crash between acceptance and record). */
  resends: number;
  /** Recipients nobody expected. */
  strangers: number;
}

/** Compares what the sink received with who should have received one mail each. */
export function compareDeliveries(log: Received[], expected: Iterable<string>): DeliveryReport {
  const want = new Set(expected);
  const byRecipient = new Map<string, (string | null)[]>();
  for (const mail of log) {
    if (!byRecipient.has(mail.rcpt)) byRecipient.set(mail.rcpt, []);
    byRecipient.get(mail.rcpt)!.push(mail.messageId);
  }
  let missing = 0;
  for (const rcpt of want) if (!byRecipient.has(rcpt)) missing += 1;
  let duplicated = 0;
  let distinctDuplicates = 0;
  let resends = 0;
  let strangers = 0;
  for (const [rcpt, ids] of byRecipient) {
    if (!want.has(rcpt)) strangers += 1;
    const distinct = new Set(ids).size;
    if (ids.length > 1) duplicated += 1;
    if (distinct > 1) distinctDuplicates += 1;
    resends += ids.length - distinct;
  }
  return {
    expected: want.size,
    received: log.length,
    missing,
    duplicated,
    distinctDuplicates,
    resends,
    strangers,
  };
}

export function exactlyOnce(report: DeliveryReport): boolean {
  return report.missing === 0 && report.duplicated === 0 && report.strangers === 0;
}

export function describeReport(report: DeliveryReport): string {
  return (
    `${report.expected - report.missing}/${report.expected} recipients, ${report.duplicated} duplicated` +
    (report.resends ? ` (${report.resends} resends with the same Message-ID)` : '') +
    (report.strangers ? `, ${report.strangers} unexpected` : '')
  );
}

/** The first mail accepted at or after `since` (ms), or null. */
export function firstAfter(log: Received[], since: number): number | null {
  let first: number | null = null;
  for (const mail of log) if (mail.at >= since && (first === null || mail.at < first)) first = mail.at;
  return first;
}
