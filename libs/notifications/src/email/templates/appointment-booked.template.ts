import type { NotificationData } from '../../notification-kinds.js';
import type { EmailContent, EmailTemplate, TemplateContext } from '../email-template.js';
import { appointmentEntry, FULL_POWERS_NOTE, place, treaty } from './scheduling-wording.js';

type Data = NotificationData['appointment.booked'];

/** To the focal point and the signatory: the party's time at the signing table. */
export const appointmentBookedTemplate: EmailTemplate<'appointment.booked'> = {
  bulk: false,
  compose: {
    en: (data: Data, ctx: TemplateContext): EmailContent => ({
      subject: `${treaty(ctx)} – Signing appointment booked: ${data.delegationName}`,
      paragraphs: [
        `${data.delegationName} has an appointment at the signing table. Please be at the signing room ten minutes ` +
          'before it.',
        FULL_POWERS_NOTE.en,
      ],
      facts: [
        { label: 'When', value: ctx.timeRange(data.startsAt, data.endsAt) },
        { label: 'Where', value: place(data.location, ctx) },
      ],
    }),
    fr: (data: Data, ctx: TemplateContext): EmailContent => ({
      subject: `${treaty(ctx)} – Rendez-vous de signature\u00a0: ${data.delegationName}`,
      paragraphs: [
        `La délégation ${data.delegationName} a rendez-vous à la table de signature. Merci de vous présenter à la ` +
          'salle de signature dix minutes avant.',
        FULL_POWERS_NOTE.fr,
      ],
      facts: [
        { label: 'Quand', value: ctx.timeRange(data.startsAt, data.endsAt) },
        { label: 'Lieu', value: place(data.location, ctx) },
      ],
    }),
  },
  calendar: (data, ctx) => appointmentEntry(data, data, ctx),
};
