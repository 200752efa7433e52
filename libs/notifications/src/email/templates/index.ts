import type { NotificationKind } from '../../notification-kinds.js';
import type { EmailTemplate } from '../email-template.js';
import { announcementTemplate } from './announcement.template.js';
import { appointmentBookedTemplate } from './appointment-booked.template.js';
import { appointmentCancelledTemplate } from './appointment-cancelled.template.js';
import { appointmentMovedTemplate } from './appointment-moved.template.js';
import { appointmentReminderTemplate } from './appointment-reminder.template.js';
import { attendancePromotedTemplate } from './attendance-promoted.template.js';
import { delegationStatusChangedTemplate } from './delegation-status-changed.template.js';
import { delegationSubmittedTemplate } from './delegation-submitted.template.js';
import { fullPowersReviewedTemplate } from './full-powers-reviewed.template.js';
import { sessionCancelledTemplate } from './session-cancelled.template.js';
import { sessionMovedTemplate } from './session-moved.template.js';
import { sessionPublishedTemplate } from './session-published.template.js';
import { signatoriesGoalReachedTemplate } from './signatories-goal-reached.template.js';

/** One template per notification kind: exhaustive, so adding a kind without its template fails type-checking. */
export const EMAIL_TEMPLATES: { [K in NotificationKind]: EmailTemplate<K> } = {
  announcement: announcementTemplate,
  'delegation.submitted': delegationSubmittedTemplate,
  'delegation.status_changed': delegationStatusChangedTemplate,
  'session.published': sessionPublishedTemplate,
  'session.moved': sessionMovedTemplate,
  'session.cancelled': sessionCancelledTemplate,
  'attendance.promoted': attendancePromotedTemplate,
  'appointment.booked': appointmentBookedTemplate,
  'appointment.moved': appointmentMovedTemplate,
  'appointment.cancelled': appointmentCancelledTemplate,
  'appointment.reminder': appointmentReminderTemplate,
  'full_powers.reviewed': fullPowersReviewedTemplate,
  'signatories.goal_reached': signatoriesGoalReachedTemplate,
};

/** Every notification kind, at run time (webhook subscriptions are validated against it). */
export const NOTIFICATION_KINDS = Object.keys(EMAIL_TEMPLATES) as NotificationKind[];

export function emailTemplate<K extends NotificationKind>(kind: K): EmailTemplate<K> {
  const template = EMAIL_TEMPLATES[kind];
  if (!template) throw new Error(`No email template for notification kind "${kind}"`);
  return template;
}
