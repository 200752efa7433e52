import type { NotificationData } from '../../notification-kinds.js';
import type { EmailContent, EmailTemplate, TemplateContext } from '../email-template.js';
import { appointmentEntry, FULL_POWERS_NOTE, place, treaty } from './scheduling-wording.js';

type Data = NotificationData['appointment.reminder'];

/** Held in the outbox until 24 hours and 1 hour before the appointment; dropped if it moves or is cancelled. */
export const appointmentReminderTemplate: EmailTemplate<'appointment.reminder'> = {
  bulk: false,
  compose: {
    en: (data: Data, ctx: TemplateContext): EmailContent => ({
      subject: `${treaty(ctx)} – Reminder: signing appointment ${data.hoursBefore === 1 ? 'in one hour' : 'tomorrow'}`,
      paragraphs: [`This is a reminder of the signing appointment of ${data.delegationName}.`, FULL_POWERS_NOTE.en],
      facts: [
        { label: 'When', value: ctx.timeRange(data.startsAt, data.endsAt) },
        { label: 'Where', value: place(data.location, ctx) },
      ],
    }),
    fr: (data: Data, ctx: TemplateContext): EmailContent => ({
      subject: `${treaty(ctx)} – Rappel\u00a0: rendez-vous de signature ${data.hoursBefore === 1 ? 'dans une heure' : 'demain'}`,
      paragraphs: [
        `Nous vous rappelons le rendez-vous de signature de la délégation ${data.delegationName}.`,
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
