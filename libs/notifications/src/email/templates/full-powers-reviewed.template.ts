import type { NotificationData } from '../../notification-kinds.js';
import type { EmailContent, EmailTemplate, TemplateContext } from '../email-template.js';

type Data = NotificationData['full_powers.reviewed'];

function english(data: Data, ctx: TemplateContext): EmailContent {
  const verified = data.status === 'verified';
  const facts = [
    { label: 'Representative', value: data.representativeName },
    { label: 'Reviewed', value: ctx.timeRange(data.reviewedAt) },
  ];
  if (data.reason) facts.unshift({ label: 'Reason', value: data.reason });
  return {
    subject: `${ctx.event?.treatyShortTitle ?? 'Accord'} – Full powers ${verified ? 'verified' : 'not accepted'}: ${data.partyName}`,
    paragraphs: verified
      ? [
          `The treaty section has verified the copy of the full powers of ${data.representativeName} to sign for ${data.partyName}.`,
          'Please bring the original instrument to the signing table.',
        ]
      : [
          `The treaty section could not accept the copy of the full powers of ${data.representativeName} to sign for ${data.partyName}.`,
          'Please upload a corrected instrument of full powers, signed by the Head of State, the Head of Government or the Minister for Foreign Affairs and naming the representative and the treaty.',
        ],
    facts,
  };
}

function french(data: Data, ctx: TemplateContext): EmailContent {
  const verified = data.status === 'verified';
  const facts = [
    { label: 'Représentant', value: data.representativeName },
    { label: 'Examinés le', value: ctx.timeRange(data.reviewedAt) },
  ];
  if (data.reason) facts.unshift({ label: 'Motif', value: data.reason });
  return {
    subject: `${ctx.event?.treatyShortTitle ?? 'Accord'} – Pleins pouvoirs ${verified ? 'vérifiés' : 'non acceptés'}\u00a0: ${data.partyName}`,
    paragraphs: verified
      ? [
          `La Section des traités a vérifié la copie des pleins pouvoirs de ${data.representativeName} pour signer au nom de ${data.partyName}.`,
          'Veuillez apporter l’instrument original à la table de signature.',
        ]
      : [
          `La Section des traités n’a pas pu accepter la copie des pleins pouvoirs de ${data.representativeName} pour signer au nom de ${data.partyName}.`,
          'Veuillez déposer un instrument de pleins pouvoirs corrigé, signé par le chef d’État, le chef de gouvernement ou le ministre des affaires étrangères et désignant le représentant et le traité.',
        ],
    facts,
  };
}

/** To the focal point, when the treaty section verifies or rejects its full powers: transactional (no opt-out). */
export const fullPowersReviewedTemplate: EmailTemplate<'full_powers.reviewed'> = {
  bulk: false,
  compose: { en: english, fr: french },
};
