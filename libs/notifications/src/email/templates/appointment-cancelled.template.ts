import type { NotificationData } from '../../notification-kinds.js';
import type { EmailContent, EmailTemplate, TemplateContext } from '../email-template.js';
import { appointmentEntry, treaty } from './scheduling-wording.js';

type Data = NotificationData['appointment.cancelled'];

const WHY: Record<Data['cause'], { en: string; fr: string }> = {
  cancelled: { en: 'The appointment was cancelled.', fr: 'Le rendez-vous a été annulé.' },
  session_cancelled: {
    en: 'The signing session was cancelled, and the appointment with it.',
    fr: 'La séance de signature a été annulée, et le rendez-vous avec elle.',
  },
  rescheduled: {
    en: 'The appointment will be rescheduled: the secretariat will agree a new time with you.',
    fr: 'Le rendez-vous sera reporté\u00a0: le secrétariat conviendra avec vous d’un nouvel horaire.',
  },
};

/** To the focal point and the signatory: the appointment no longer holds (the .ics removes it from calendars). */
export const appointmentCancelledTemplate: EmailTemplate<'appointment.cancelled'> = {
  bulk: false,
  compose: {
    en: (data: Data, ctx: TemplateContext): EmailContent => ({
      subject: `${treaty(ctx)} – Signing appointment cancelled: ${data.delegationName}`,
      paragraphs: [WHY[data.cause].en],
      facts: [
        { label: 'Was', value: ctx.timeRange(data.startsAt, data.endsAt) },
        ...(data.reason ? [{ label: 'Reason', value: data.reason }] : []),
      ],
    }),
    fr: (data: Data, ctx: TemplateContext): EmailContent => ({
      subject: `${treaty(ctx)} – Rendez-vous de signature annulé\u00a0: ${data.delegationName}`,
      paragraphs: [WHY[data.cause].fr],
      facts: [
        { label: 'Prévu', value: ctx.timeRange(data.startsAt, data.endsAt) },
        ...(data.reason ? [{ label: 'Motif', value: data.reason }] : []),
      ],
    }),
  },
  calendar: (data, ctx) => appointmentEntry(data, data, ctx, true),
};
