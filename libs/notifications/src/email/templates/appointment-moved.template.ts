import type { NotificationData } from '../../notification-kinds.js';
import type { EmailContent, EmailTemplate, TemplateContext } from '../email-template.js';
import { appointmentEntry, place, treaty } from './scheduling-wording.js';

type Data = NotificationData['appointment.moved'];

const WHY: Record<Data['cause'], { en: string; fr: string }> = {
  moved: { en: 'The appointment was moved.', fr: 'Le rendez-vous a été déplacé.' },
  reordered: {
    en: 'The organisers changed the order of signature.',
    fr: 'Les organisateurs ont modifié l’ordre de signature.',
  },
  session_moved: {
    en: 'The signing session was moved, and the appointment with it.',
    fr: 'La séance de signature a été déplacée, et le rendez-vous avec elle.',
  },
  rescheduled: {
    en: 'The appointment was rescheduled at the signing table.',
    fr: 'Le rendez-vous a été reporté à la table de signature.',
  },
};

/** To the focal point and the signatory: the old and the new time of the party's appointment. */
export const appointmentMovedTemplate: EmailTemplate<'appointment.moved'> = {
  bulk: false,
  compose: {
    en: (data: Data, ctx: TemplateContext): EmailContent => ({
      subject: `${treaty(ctx)} – Signing appointment moved: ${data.delegationName}`,
      paragraphs: [`${WHY[data.cause].en} Please note the new time of ${data.delegationName}.`],
      facts: [
        { label: 'Now', value: ctx.timeRange(data.to.startsAt, data.to.endsAt) },
        { label: 'Where', value: place(data.location, ctx) },
        { label: 'Was', value: ctx.timeRange(data.from.startsAt, data.from.endsAt) },
      ],
    }),
    fr: (data: Data, ctx: TemplateContext): EmailContent => ({
      subject: `${treaty(ctx)} – Rendez-vous de signature déplacé\u00a0: ${data.delegationName}`,
      paragraphs: [`${WHY[data.cause].fr} Merci de noter le nouvel horaire de la délégation ${data.delegationName}.`],
      facts: [
        { label: 'Désormais', value: ctx.timeRange(data.to.startsAt, data.to.endsAt) },
        { label: 'Lieu', value: place(data.location, ctx) },
        { label: 'Auparavant', value: ctx.timeRange(data.from.startsAt, data.from.endsAt) },
      ],
    }),
  },
  calendar: (data, ctx) => appointmentEntry(data, data.to, ctx),
};
