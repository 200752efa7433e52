/** What an SMTP failure means for the delivery. */
export interface SmtpFailure {
  /**
   * 5xx: the server refused for good (unknown mailbox, policy); EENVELOPE without a code: nodemailer found no valid
   * recipient address. Retrying would only repeat either.
   */
  permanent: boolean;
  /** For the attempt log: the SMTP code and text (may name the address: stored, never logged). */
  description: string;
  /** Safe to log: a code, no text. */
  code: string;
}

export function classifySmtpError(error: unknown): SmtpFailure {
  const { responseCode, code, message, response } = (error ?? {}) as {
    responseCode?: number;
    code?: string;
    message?: string;
    response?: string;
  };
  const permanent = typeof responseCode === 'number' ? responseCode >= 500 && responseCode < 600 : code === 'EENVELOPE';
  const text = response ?? message ?? String(error);
  return {
    permanent,
    description: responseCode ? `SMTP ${responseCode}: ${text}` : `${code ?? 'ERROR'}: ${text}`,
    code: responseCode ? `SMTP ${responseCode}` : (code ?? 'ERROR'),
  };
}
