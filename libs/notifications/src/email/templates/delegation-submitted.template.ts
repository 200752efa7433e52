import type { NotificationData } from '../../notification-kinds.js';
import type { EmailContent, EmailTemplate, TemplateContext } from '../email-template.js';
import { DELEGATION_KIND_LABELS } from './delegation-labels.js';

type Data = NotificationData['delegation.submitted'];

/** To the focal point, when a registration is received: transactional (no opt-out). */
export const delegationSubmittedTemplate: EmailTemplate<'delegation.submitted'> = {
  bulk: false,
  compose: {
    en: (data: Data, ctx: TemplateContext): EmailContent => ({
      subject: `${ctx.event?.treatyShortTitle ?? 'Accord'} – Registration received: ${data.delegationName}`,
      paragraphs: [
        `We have received the registration of ${data.delegationName} for the ${ctx.event?.name ?? 'ceremony'}.`,
        ...(data.channel === 'form' ? [] : ['The secretariat entered it on your behalf.']),
        'The secretariat will review it and write to you as soon as its status changes.',
      ],
      facts: [
        { label: 'Delegation', value: `${data.delegationName} (${DELEGATION_KIND_LABELS.en[data.kind] ?? data.kind})` },
        { label: 'Members', value: String(data.memberCount) },
        { label: 'Received', value: ctx.timeRange(data.submittedAt) },
      ],
    }),
    fr: (data: Data, ctx: TemplateContext): EmailContent => ({
      subject: `${ctx.event?.treatyShortTitle ?? 'Accord'} – Inscription reçue\u00a0: ${data.delegationName}`,
      paragraphs: [
        `Nous avons bien reçu l’inscription de la délégation ${data.delegationName} à la cérémonie « ${ctx.event?.name ?? 'Accord'} ».`,
        ...(data.channel === 'form' ? [] : ['Le secrétariat l’a saisie pour vous.']),
        'Le secrétariat l’examinera et vous écrira dès que son statut changera.',
      ],
      facts: [
        { label: 'Délégation', value: `${data.delegationName} (${DELEGATION_KIND_LABELS.fr[data.kind] ?? data.kind})` },
        { label: 'Membres', value: String(data.memberCount) },
        { label: 'Reçue le', value: ctx.timeRange(data.submittedAt) },
      ],
    }),
  },
};
