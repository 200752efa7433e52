import type { NotificationData } from '../../notification-kinds.js';
import type { EmailContent, EmailTemplate, TemplateContext } from '../email-template.js';
import { place, SESSION_KIND_LABELS, sessionEntry, sessionTitle, treaty } from './scheduling-wording.js';

type Data = NotificationData['session.published'];

/** To the delegations taking part (speakers, appointment holders): the session is in the published programme. */
export const sessionPublishedTemplate: EmailTemplate<'session.published'> = {
  bulk: false,
  compose: {
    en: (data: Data, ctx: TemplateContext): EmailContent => ({
      subject: `${treaty(ctx)} – In the programme: ${sessionTitle(data, ctx)}`,
      paragraphs: [
        `“${sessionTitle(data, ctx)}” is now in the published programme of the ${ctx.event?.name ?? 'ceremony'}, ` +
          'and your delegation takes part in it.',
      ],
      facts: [
        { label: 'When', value: ctx.timeRange(data.startsAt, data.endsAt) },
        { label: 'Where', value: place(data.roomName, ctx) },
        { label: 'Session', value: SESSION_KIND_LABELS.en[data.kind] ?? data.kind },
      ],
    }),
    fr: (data: Data, ctx: TemplateContext): EmailContent => ({
      subject: `${treaty(ctx)} – Au programme\u00a0: ${sessionTitle(data, ctx)}`,
      paragraphs: [
        `« ${sessionTitle(data, ctx)} » figure désormais au programme publié de la cérémonie « ${ctx.event?.name ?? 'Accord'} », ` +
          'et votre délégation y participe.',
      ],
      facts: [
        { label: 'Quand', value: ctx.timeRange(data.startsAt, data.endsAt) },
        { label: 'Lieu', value: place(data.roomName, ctx) },
        { label: 'Séance', value: SESSION_KIND_LABELS.fr[data.kind] ?? data.kind },
      ],
    }),
  },
  calendar: (data, ctx) => sessionEntry(data, data, ctx),
};
