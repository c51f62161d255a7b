// How the audit trail reads an atendimento's entries (the screens' history and the export for the
// data-protection officer): the protocol and what happened, as the entries hold no personal data.
import { ATTACHMENT_TYPE_WORDS, CONTACT_CHANNEL_LABELS, CONTACT_STATUS_LABELS, type AttachmentType, type ContactChannel, type ContactStatus } from '../../shared/contract/contacts';
import { formatFileSize } from '../../shared/display/numbers';
import { MESSAGE_TEMPLATES, type MessageTemplate } from '../../shared/contacts/messages';


/** The summary of a `contact.*` or `settings.contacts` entry; null for any other action. */
export function contactAuditSummary(action: string, d: Record<string, unknown>): string | null {
  const protocol = String(d.protocol ?? '');
  switch (action) {
    case 'contact.add':
      return `Atendimento ${protocol} aberto (${CONTACT_CHANNEL_LABELS[d.channel as ContactChannel] ?? 'canal não informado'}, caso ${d.case === 'other' ? 'outro' : String(d.case ?? '')})`;
    case 'contact.locate':
      return `Atendimento ${protocol}: cadastro localizado`;
    case 'contact.identity':
      return `Atendimento ${protocol}: identidade conferida — ${d.cpfMatches === true && d.motherMatches === true ? 'confere' : 'não confere'}`;
    case 'contact.attach':
      return `Atendimento ${protocol}: anexo recebido (${ATTACHMENT_TYPE_WORDS[d.type as AttachmentType] ?? 'arquivo'}, ${formatFileSize(Number(d.size ?? 0))})`;
    case 'contact.attachment_saved':
      return `Atendimento ${protocol}: anexo gravado em arquivo`;
    case 'contact.status':
      return `Atendimento ${protocol}: ${CONTACT_STATUS_LABELS[d.to as ContactStatus] ?? String(d.to ?? '')}`;
    case 'contact.answer':
      return `Atendimento ${protocol}: resposta da Implanta registrada`;
    case 'contact.close':
      return `Atendimento ${protocol} resolvido`;
    case 'contact.link':
      return `Atendimento ${protocol}: correção vinculada`;
    case 'contact.message':
      return `Atendimento ${protocol}: ${d.to === 'professional' ? 'mensagem enviada à/ao profissional' : 'e-mail para a Implanta preparado (.eml)'}${
        typeof d.template === 'string' && d.template in MESSAGE_TEMPLATES ? ` (${MESSAGE_TEMPLATES[d.template as MessageTemplate]})` : ''
      }`;
    case 'settings.contacts':
      return 'Configuração dos atendimentos alterada';
    default:
      return null;
  }
}
