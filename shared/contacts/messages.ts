// What the council tells a professional after a contact, in its own words: the notice's answers
// (wait about 24 h after the lote, do not confirm the DIP request yet, the DIP must be made again,
// the first access asks the mother's first name) as e-mail text and as a script to read on the
// phone, and which of them fits what just happened to the record. Pure text: the store decides
// when to offer them and the mail program sends them (db/contacts/email.ts builds the .eml).
import { codesOf } from '../codes';
import type { DipStatus } from '../domain';
import { fieldLabel, FIELDS, isFieldName, MOTHER_FACT_FIELD } from '../fields';

/** Each message as the clerk picks it from a list. */
export const MESSAGE_TEMPLATES = {
  correction_queued: 'Correção registrada: aguardar a sincronização',
  synced: 'Dados corrigidos na plataforma',
  rejected: 'Correção recusada pela Implanta',
  dip_do_not_confirm: 'Não confirmar ainda a solicitação do DIP',
  dip_redo: 'DIP precisará ser refeito',
  first_access_changed: 'Nome da mãe e o primeiro acesso',
};
export const MESSAGE_TEMPLATE_IDS = codesOf(MESSAGE_TEMPLATES);
export type MessageTemplate = (typeof MESSAGE_TEMPLATE_IDS)[number];

/**
 * What a message may say. Only the council is required: anything else missing is left out of the
 * text, never printed empty. Dates are ISO (date or date-time); a date-time is read in the desk's
 * local day. The mother's name itself is never written in a message: it verifies the login.
 */
export interface MessageData {
  /** E.g. "CRESS 9ª Região (SP)". */
  council: string;
  /** The professional's own name, when known; otherwise the council's neutral forms. */
  name?: string | null;
  /** The atendimento's protocol, e.g. "AT-2026-000123". */
  protocol?: string | null;
  /** Field names of the corrections concerned (shared/fields.ts, or the mother fact "mother"). */
  fields?: readonly string[] | null;
  /** When the lote with the correction was sent to Implanta; null while it has not left. */
  batchSentAt?: string | null;
  /** When Implanta's answer said the correction was applied. */
  syncedAt?: string | null;
  /** Implanta's reason for a rejection, as it wrote it. */
  reason?: string | null;
  /** What the professional should bring or send, e.g. "a certidão de casamento". */
  bring?: string | null;
  dipStatus?: DipStatus | null;
  /** The correction set "Não consta mãe" (the identity document shows no mother). */
  motherNotListed?: boolean | null;
}

export interface RenderedMessage {
  subject: string;
  text: string;
}

type Voice = 'email' | 'phone';

const MONTHS = ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'];

/** Day, month and year of an ISO date (as written) or date-time (in the desk's local day). */
function dayOf(iso: string | null | undefined): { d: number; m: number; y: number } | null {
  if (!iso) return null;
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (plain) return { y: Number(plain[1]), m: Number(plain[2]), d: Number(plain[3]) };
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return { y: date.getFullYear(), m: date.getMonth() + 1, d: date.getDate() };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** Dates, durations and lists as they are written (e-mail) or said (phone). */
class Words {
  constructor(readonly voice: Voice) {}

  /** `dd/mm`, or "2 de dezembro" read aloud. */
  day(iso: string | null | undefined): string | null {
    const day = dayOf(iso);
    if (!day) return null;
    return this.voice === 'email' ? `${two(day.d)}/${two(day.m)}` : `${day.d} de ${MONTHS[day.m - 1]}`;
  }

  /** `dd/mm/aaaa`, or "3 de dezembro de 2026" read aloud. */
  date(iso: string | null | undefined): string | null {
    const day = dayOf(iso);
    if (!day) return null;
    return this.voice === 'email' ? `${two(day.d)}/${two(day.m)}/${day.y}` : `${day.d} de ${MONTHS[day.m - 1]} de ${day.y}`;
  }

  get hours24(): string {
    return this.voice === 'email' ? '24 h' : '24 horas';
  }

  /** "cerca de 24 h após o envio do lote de 02/12" (or of the lote with the correction, before it leaves). */
  afterBatch(batchSentAt: string | null | undefined): string {
    const day = this.day(batchSentAt);
    return day ? `cerca de ${this.hours24} após o envio do lote de ${day}` : `cerca de ${this.hours24} após o envio do lote com a correção`;
  }
}

/** One line of typed text, without trailing full stops (the sentence adds its own). */
function clean(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

function sentenceEnd(value: string): string {
  return value.replace(/[\s.;:]+$/, '');
}

function isMotherField(field: string): boolean {
  return field === MOTHER_FACT_FIELD || field === 'motherName' || field === 'motherNotListed';
}

function isIdentificationField(field: string): boolean {
  return field === MOTHER_FACT_FIELD || (isFieldName(field) && FIELDS[field].identification);
}

/** The fields' labels as a Portuguese list: "E-mail", "E-mail e CEP", "Nome, Estado civil e CEP". */
function fieldList(fields: readonly string[] | null | undefined, only: (field: string) => boolean = () => true): string | null {
  const labels: string[] = [];
  for (const field of fields ?? []) {
    if (!only(field)) continue;
    // The mother fact reads, for the professional, as what the platform asks: the mother's name.
    const label = isMotherField(field) ? FIELDS.motherName.label : fieldLabel(field);
    if (!labels.includes(label)) labels.push(label);
  }
  if (labels.length === 0) return null;
  if (labels.length === 1) return labels[0] ?? null;
  return `${labels.slice(0, -1).join(', ')} e ${labels[labels.length - 1]}`;
}

function identificationChanged(fields: readonly string[] | null | undefined): boolean {
  return (fields ?? []).some(isIdentificationField);
}

/** The sentence that opens both DIP messages: the council corrected identification data (naming them when known). */
function identificationCorrected(council: string, fields: readonly string[] | null | undefined): string {
  const identification = fieldList(fields, isIdentificationField);
  return identification
    ? `O ${council} corrigiu dados de identificação do seu cadastro: ${identification}.`
    : `O ${council} corrigiu dados de identificação do seu cadastro.`;
}

interface Content {
  topic: string;
  /** Paragraphs, each a list of sentences. */
  paragraphs: string[][];
}

function content(template: MessageTemplate, data: MessageData, words: Words): Content {
  const council = clean(data.council);
  const fields = fieldList(data.fields);
  switch (template) {
    case 'correction_queued': {
      const first = [
        fields
          ? `O ${council} registrou a correção dos seguintes dados do seu cadastro: ${fields}.`
          : `O ${council} registrou a correção dos seus dados cadastrais.`,
        'As correções são enviadas em lotes à Implanta, responsável pela plataforma do Recadastramento Nacional.',
      ];
      const wait = words.day(data.batchSentAt)
        ? [`A Implanta sincroniza as correções recebidas: aguarde ${words.afterBatch(data.batchSentAt)} para acessar a plataforma novamente.`]
        : [`A correção seguirá no próximo lote enviado à Implanta, e a sincronização leva cerca de ${words.hours24} após o envio do lote.`];
      if (data.dipStatus === 'confirmed' && identificationChanged(data.fields)) {
        wait.push('Como a solicitação do seu DIP já foi confirmada, o CRESS também pedirá à Implanta a correção da solicitação do DIP.');
      }
      return { topic: 'Correção dos seus dados no Recadastramento Nacional', paragraphs: [first, wait] };
    }
    case 'synced': {
      const synced = words.date(data.syncedAt);
      const first = [
        `Informamos que seus dados já estão corrigidos na plataforma do Recadastramento Nacional${synced ? ` (sincronização confirmada pela Implanta em ${synced})` : ''}.`,
      ];
      if (fields) first.push(`Dados corrigidos: ${fields}.`);
      const access = [
        'Você já pode acessar a plataforma com o seu CPF e a sua senha.',
        'Se ainda não tiver senha, use a opção “Meu primeiro acesso”; se não lembrar dela, use “Esqueci minha senha”, e a senha será enviada para o e-mail cadastrado.',
      ];
      if ((data.dipStatus === 'requested' || data.dipStatus === 'awaiting_documents') && identificationChanged(data.fields)) {
        access.push('Se os dados estiverem corretos, você já pode confirmar a solicitação do DIP.');
      }
      return { topic: 'Seus dados foram corrigidos na plataforma', paragraphs: [first, access] };
    }
    case 'rejected': {
      const reason = sentenceEnd(clean(data.reason));
      const bring = sentenceEnd(clean(data.bring));
      return {
        topic: 'Correção não aplicada pela Implanta',
        paragraphs: [
          [
            fields
              ? `A Implanta não aplicou a correção dos seguintes dados do seu cadastro: ${fields}.`
              : 'A Implanta não aplicou a correção dos seus dados cadastrais.',
            reason ? `Motivo informado pela Implanta: ${reason}.` : 'A Implanta não informou o motivo.',
            'Até uma nova correção, seus dados na plataforma continuam como estavam.',
          ],
          [
            `Para que o CRESS refaça a correção, apresente ${bring || 'um documento que comprove o dado correto (por exemplo, RG, CPF ou certidão de casamento)'}, pessoalmente ou pelos Correios.`,
          ],
        ],
      };
    }
    case 'dip_do_not_confirm': {
      return {
        topic: 'Não confirme ainda a solicitação do DIP',
        paragraphs: [
          [
            identificationCorrected(council, data.fields),
            'Por isso, não confirme a solicitação do DIP até a sincronização: depois da confirmação, os dados não poderão mais ser corrigidos pelo CRESS.',
          ],
          [
            `A sincronização leva ${words.afterBatch(data.batchSentAt)}.`,
            'Depois dela, a plataforma mostrará os dados corretos e você poderá confirmar a solicitação.',
          ],
        ],
      };
    }
    case 'dip_redo': {
      const made = data.dipStatus === 'delivered' ? 'já foi entregue' : data.dipStatus === 'issued' ? 'já foi emitido' : 'já foi enviado para confecção';
      return {
        topic: 'Seu DIP precisará ser refeito',
        paragraphs: [
          [
            identificationCorrected(council, data.fields),
            `Seu DIP ${made} com os dados anteriores, e o cartão não pode mais ser corrigido: o DIP precisará ser refeito.`,
          ],
          [
            `Depois da sincronização da correção (${words.afterBatch(data.batchSentAt)}), solicite um novo DIP na plataforma, seguindo as mesmas orientações da primeira solicitação.`,
          ],
        ],
      };
    }
    case 'first_access_changed': {
      const first = data.motherNotListed
        ? [
            `O ${council} registrou no seu cadastro que o seu documento de identidade não traz o nome da mãe (“Não consta mãe”).`,
            'Assim, para o primeiro acesso à plataforma, não será necessário informar o primeiro nome da mãe.',
          ]
        : [
            `O ${council} corrigiu o nome da mãe no seu cadastro.`,
            'No primeiro acesso à plataforma, é pedido o primeiro nome da mãe: informe-o como consta no seu documento de identidade.',
          ];
      const synced = words.date(data.syncedAt);
      const when = synced
        ? `A plataforma já usa o dado corrigido desde a sincronização de ${synced}.`
        : `A plataforma passa a usar o dado corrigido após a sincronização, ${words.afterBatch(data.batchSentAt)}.`;
      return { topic: 'Nome da mãe no primeiro acesso', paragraphs: [first, [when]] };
    }
  }
}

/** The e-mail of a template: subject and plain text, addressed by name or in the council's neutral forms. */
export function renderMessage(template: MessageTemplate, data: MessageData): RenderedMessage {
  const council = clean(data.council);
  const name = clean(data.name);
  const protocol = clean(data.protocol);
  const { topic, paragraphs } = content(template, data, new Words('email'));
  const subject = [council, topic, ...(protocol ? [`Protocolo ${protocol}`] : [])].join(' — ');
  const blocks = [
    name ? `Olá, ${name},` : 'Prezada/o profissional,',
    ...paragraphs.map((sentences) => sentences.join(' ')),
    ...(protocol ? [`Protocolo do atendimento: ${protocol}`] : []),
    protocol ? 'Em caso de dúvida, responda a este e-mail informando o protocolo.' : 'Em caso de dúvida, responda a este e-mail.',
    `Atenciosamente,\n${council}`,
  ];
  return { subject, text: `${blocks.join('\n\n')}\n` };
}

/** The same content to read aloud on the phone: one short sentence a line, dates as said. */
export function renderPhoneScript(template: MessageTemplate, data: MessageData): string {
  const council = clean(data.council);
  const name = clean(data.name);
  const protocol = clean(data.protocol);
  const { paragraphs } = content(template, data, new Words('phone'));
  const lines = [
    `Olá! Aqui é do ${council}.`,
    name ? `Posso falar com ${name}?` : 'Posso falar com a/o profissional que procurou o CRESS?',
    ...(protocol ? [`Estou ligando sobre o atendimento de protocolo ${protocol}.`] : []),
    ...paragraphs.flat(),
    'Ficou alguma dúvida?',
    'Agradecemos a atenção.',
  ];
  return lines.join('\n');
}

/** What just happened to the record that the professional may need to hear about. */
export interface MessageSituation {
  /** A correction was saved on the desk, or Implanta's answer applied or rejected it. */
  event: 'correction_saved' | 'ack_applied' | 'ack_rejected';
  /** Field names of the corrections concerned. */
  fields: readonly string[];
  dipStatus: DipStatus | string | null;
  /** When the lote left; it changes the wording (a date or "the lote with the correction"), not the choice. */
  batchSentAt: string | null;
}

/**
 * The messages that fit, in the order to send or say them: the main news first, then what it
 * means for the DIP request (seed case G), then for the first access (seed case F).
 */
export function proposeMessage(situation: MessageSituation): MessageTemplate[] {
  const identification = identificationChanged(situation.fields);
  const mother = situation.fields.some(isMotherField);
  // A card already made (or in the making) carries the old data: it must be made again.
  const cardMade = situation.dipStatus === 'in_manufacture' || situation.dipStatus === 'issued' || situation.dipStatus === 'delivered';
  switch (situation.event) {
    case 'ack_rejected':
      return ['rejected'];
    case 'ack_applied': {
      // Applied in the registry while the card was already being made (Implanta's "DIP não corrigido"): it is to be redone.
      const proposed: MessageTemplate[] = ['synced'];
      if (identification && cardMade) proposed.push('dip_redo');
      if (mother) proposed.push('first_access_changed');
      return proposed;
    }
    case 'correction_saved': {
      const proposed: MessageTemplate[] = ['correction_queued'];
      if (identification && (situation.dipStatus === 'requested' || situation.dipStatus === 'awaiting_documents')) proposed.push('dip_do_not_confirm');
      if (identification && cardMade) proposed.push('dip_redo');
      if (mother) proposed.push('first_access_changed');
      return proposed;
    }
  }
}
