import type { NotificationKind } from '../../notification-kinds.js';
import type { EmailTemplate } from '../email-template.js';
import { announcementTemplate } from './announcement.template.js';
import { delegationStatusChangedTemplate } from './delegation-status-changed.template.js';
import { delegationSubmittedTemplate } from './delegation-submitted.template.js';

/** One template per notification kind: exhaustive, so adding a kind without its template fails type-checking. */
export const EMAIL_TEMPLATES: { [K in NotificationKind]: EmailTemplate<K> } = {
  announcement: announcementTemplate,
  'delegation.submitted': delegationSubmittedTemplate,
  'delegation.status_changed': delegationStatusChangedTemplate,
};

/** Every notification kind, at run time (webhook subscriptions are validated against it). */
export const NOTIFICATION_KINDS = Object.keys(EMAIL_TEMPLATES) as NotificationKind[];

export function emailTemplate<K extends NotificationKind>(kind: K): EmailTemplate<K> {
  const template = EMAIL_TEMPLATES[kind];
  if (!template) throw new Error(`No email template for notification kind "${kind}"`);
  return template;
}
