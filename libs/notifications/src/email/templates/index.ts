import type { NotificationKind } from '../../notification-kinds.js';
import type { EmailTemplate } from '../email-template.js';
import { announcementTemplate } from './announcement.template.js';

/** One template per notification kind: exhaustive, so adding a kind without its template fails type-checking. */
export const EMAIL_TEMPLATES: { [K in NotificationKind]: EmailTemplate<K> } = {
  announcement: announcementTemplate,
};

/** Every notification kind, at run time (webhook subscriptions are validated against it). */
export const NOTIFICATION_KINDS = Object.keys(EMAIL_TEMPLATES) as NotificationKind[];

export function emailTemplate<K extends NotificationKind>(kind: K): EmailTemplate<K> {
  const template = EMAIL_TEMPLATES[kind];
  if (!template) throw new Error(`No email template for notification kind "${kind}"`);
  return template;
}
