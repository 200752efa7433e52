import type { NotificationData } from '../../notification-kinds.js';
import type { EmailContent, EmailTemplate, TemplateContext } from '../email-template.js';
import { place, sessionEntry, sessionTitle, treaty } from './scheduling-wording.js';

type Data = NotificationData['attendance.promoted'];

/** To the member and the focal point: a freed seat went to this request on the waiting list. */
export const attendancePromotedTemplate: EmailTemplate<'attendance.promoted'> = {
  bulk: false,
  compose: {
    en: (data: Data, ctx: TemplateContext): EmailContent => ({
      subject: `${treaty(ctx)} – Seat confirmed: ${sessionTitle(data, ctx)}`,
      paragraphs: [
        `A seat has become free in “${sessionTitle(data, ctx)}” and it is now yours: you were on the waiting list.`,
      ],
      facts: [
        { label: 'When', value: ctx.timeRange(data.startsAt, data.endsAt) },
        { label: 'Where', value: place(data.roomName, ctx) },
      ],
    }),
    fr: (data: Data, ctx: TemplateContext): EmailContent => ({
      subject: `${treaty(ctx)} – Place confirmée\u00a0: ${sessionTitle(data, ctx)}`,
      paragraphs: [
        `Une place s’est libérée pour « ${sessionTitle(data, ctx)} » et elle vous est attribuée\u00a0: vous étiez sur la liste d’attente.`,
      ],
      facts: [
        { label: 'Quand', value: ctx.timeRange(data.startsAt, data.endsAt) },
        { label: 'Lieu', value: place(data.roomName, ctx) },
      ],
    }),
  },
  calendar: (data, ctx) => sessionEntry(data, data, ctx),
};
