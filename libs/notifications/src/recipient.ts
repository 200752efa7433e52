/** The six UN languages; templates exist at least in English and French (the ceremony's working languages). */
export const LANGUAGES = ['en', 'fr', 'es', 'ru', 'zh', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

/** One person a notification goes to, resolved when the change is committed. */
export interface Recipient {
  email: string;
  name: string;
  language: Language;
  /** Set when the person belongs to a delegation (focal point, head, member). */
  delegationId?: string;
  /** Set when the recipient is a member record (for opt-outs and delivery look-ups). */
  personId?: string;
}
