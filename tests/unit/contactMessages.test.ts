// What the council tells the professional after a contact, by e-mail or over the phone, and which
// message fits what just happened to the record.
import { describe, expect, it } from 'vitest';
import {
  MESSAGE_TEMPLATE_IDS,
  MESSAGE_TEMPLATES,
  proposeMessage,
  renderMessage,
  renderPhoneScript,
  type MessageData,
  type MessageTemplate,
} from '../../shared/contacts/messages';

const COUNCIL = 'CRESS 9ª Região (SP)';

/** Everything a message may use, filled in. */
const FULL: MessageData = {
  council: COUNCIL,
  name: 'Conceição Araújo Simões',
  protocol: 'AT-2026-000123',
  fields: ['email', 'cep'],
  batchSentAt: '2026-12-02',
  syncedAt: '2026-12-03',
  reason: 'CPF divergente da base da Receita Federal',
  bring: 'o comprovante de situação cadastral do CPF',
  dipStatus: 'requested',
  motherNotListed: false,
};

/** Only what every message has. */
const BARE: MessageData = { council: COUNCIL };

const ALL = MESSAGE_TEMPLATE_IDS;

/** The text of message `id`, rendered with `data`, contains each of `phrases`. */
function expectSays(id: MessageTemplate, data: MessageData, phrases: string[]): void {
  const { text } = renderMessage(id, data);
  for (const phrase of phrases) expect(text).toContain(phrase);
}

describe('the message templates', () => {
  it('are the six situations the clerk explains, each with a Portuguese label', () => {
    expect([...ALL].sort()).toEqual(
      ['correction_queued', 'dip_do_not_confirm', 'dip_redo', 'first_access_changed', 'rejected', 'synced'].sort(),
    );
    for (const id of ALL) expect(MESSAGE_TEMPLATES[id]).toMatch(/[a-zà-ú]/i);
    expect(MESSAGE_TEMPLATES.dip_do_not_confirm).toContain('DIP');
  });

  for (const id of ALL) {
    it(`${id}: renders with the council, the protocol and the name, and signs as the council`, () => {
      const { subject, text } = renderMessage(id, FULL);
      expect(subject).toContain(COUNCIL);
      expect(subject).toContain('AT-2026-000123');
      expect(text).toMatch(/^Olá, Conceição Araújo Simões,/);
      expect(text.trimEnd()).toMatch(new RegExp(`Atenciosamente,\\n${COUNCIL.replace(/[()]/g, '\\$&')}$`));
      expect(text).toContain('Protocolo do atendimento: AT-2026-000123');
    });

    it(`${id}: with only the council known, never prints "undefined", "null" or an empty gap`, () => {
      const { subject, text } = renderMessage(id, BARE);
      for (const part of [subject, text]) {
        expect(part).not.toMatch(/undefined|null|NaN|\[object/);
        expect(part).not.toMatch(/ {2}| [,.:;]|\(\)|: *$/m);
      }
      expect(subject).not.toContain('Protocolo');
    });

    it(`${id}: addresses a person whose name is not known in the council's neutral forms`, () => {
      const { text } = renderMessage(id, BARE);
      expect(text).toMatch(/^Prezada\/o profissional,/);
      expect(text).not.toMatch(/(?<![\w/])(Prezado|Prezada|o profissional|a profissional|interessado|interessada|obrigado|obrigada)(?![\w/])/i);
    });

    it(`${id}: has a phone version of the same content, one short sentence a line`, () => {
      const script = renderPhoneScript(id, FULL);
      const lines = script.split('\n');
      expect(lines.length).toBeGreaterThan(2);
      expect(script).toContain(COUNCIL);
      expect(script).not.toMatch(/undefined|null/);
      for (const line of lines) expect(line.length).toBeLessThan(220);
    });
  }
});

describe('what each message says', () => {
  it('correction_queued: asks to wait about 24 h after the lote of dd/mm was sent, naming the fields corrected', () => {
    const { text } = renderMessage('correction_queued', FULL);
    expect(text).toContain('aguarde cerca de 24 h após o envio do lote de 02/12');
    expect(text).toContain('E-mail e CEP');
    expect(text).not.toContain('2026-12-02');
  });

  it('correction_queued: before the lote leaves, asks to wait for its sending without inventing a date', () => {
    const { text } = renderMessage('correction_queued', { ...FULL, batchSentAt: null });
    expect(text).toContain('cerca de 24 h após o envio do lote');
    expect(text).not.toMatch(/\d{2}\/\d{2}/);
  });

  it('correction_queued: reads a sending time in the desk’s own day, not UTC', () => {
    const sent = new Date(2026, 11, 2, 23, 30); // 02/12 at 23:30, local time
    expectSays('correction_queued', { ...FULL, batchSentAt: sent.toISOString() }, ['lote de 02/12']);
  });

  it('synced: says the data are already corrected on the platform, with the date dd/mm/aaaa', () => {
    expectSays('synced', FULL, ['seus dados já estão corrigidos na plataforma', '03/12/2026']);
  });

  it('synced: tells a professional with a DIP only requested that it can now be confirmed', () => {
    expect(renderMessage('synced', { ...FULL, dipStatus: 'requested', fields: ['name'] }).text).toContain('já pode confirmar a solicitação do DIP');
    expect(renderMessage('synced', { ...FULL, dipStatus: 'none', fields: ['name'] }).text).not.toContain('DIP');
  });

  it('rejected: gives Implanta’s reason and what to bring', () => {
    const { text } = renderMessage('rejected', FULL);
    expect(text).toContain('CPF divergente da base da Receita Federal');
    expect(text).toContain('o comprovante de situação cadastral do CPF');
    expect(text).toMatch(/pessoalmente ou pelos Correios/);
  });

  it('rejected: without a reason or a document named, still says what to bring', () => {
    expectSays('rejected', BARE, ['A Implanta não informou o motivo.', 'documento']);
  });

  it('dip_do_not_confirm: asks not to confirm the DIP request until the synchronisation', () => {
    expectSays('dip_do_not_confirm', FULL, ['não confirme a solicitação do DIP até a sincronização', '02/12']);
  });

  it('dip_redo: says the DIP will have to be made again', () => {
    expect(renderMessage('dip_redo', { ...FULL, dipStatus: 'in_manufacture' }).text).toContain('o DIP precisará ser refeito');
    expect(renderMessage('dip_redo', { ...FULL, dipStatus: 'in_manufacture' }).text).toContain('enviado para confecção');
    expect(renderMessage('dip_redo', { ...FULL, dipStatus: 'issued' }).text).toContain('já foi emitido');
  });

  it('first_access_changed: explains that the first access asks the mother’s first name, from the synchronisation on', () => {
    expectSays('first_access_changed', { ...FULL, fields: ['motherName'], syncedAt: null }, [
      'primeiro nome da mãe',
      'primeiro acesso',
      'após a sincronização, cerca de 24 h após o envio do lote de 02/12',
    ]);
  });

  it('first_access_changed: once Implanta applied the correction, says the platform already uses it', () => {
    expectSays('first_access_changed', { ...FULL, fields: ['motherName'] }, ['A plataforma já usa o dado corrigido desde a sincronização de 03/12/2026.']);
  });

  it('first_access_changed: when the document shows no mother, says the first access will not ask for it', () => {
    expectSays('first_access_changed', { ...FULL, fields: ['motherNotListed'], motherNotListed: true }, ['não será necessário informar o primeiro nome da mãe']);
  });

  it('phone: reads the lote date aloud as a day and a month', () => {
    const script = renderPhoneScript('correction_queued', FULL);
    expect(script).toContain('2 de dezembro');
    expect(script).toContain('24 horas');
    expect(script).not.toContain('02/12');
  });

  it('phone: without a name, asks for the professional in neutral form', () => {
    expect(renderPhoneScript('synced', BARE)).toMatch(/a\/o profissional/);
  });
});

describe('which message fits', () => {
  const propose = (over: Partial<Parameters<typeof proposeMessage>[0]>): MessageTemplate[] =>
    proposeMessage({ event: 'correction_saved', fields: ['email'], dipStatus: null, batchSentAt: null, ...over });

  it('a correction saved: the wait for the lote', () => {
    expect(propose({})).toEqual(['correction_queued']);
  });

  it('an identification change while the DIP is only requested: do not confirm it yet', () => {
    expect(propose({ fields: ['name'], dipStatus: 'requested' })).toEqual(['correction_queued', 'dip_do_not_confirm']);
    expect(propose({ fields: ['maritalStatus'], dipStatus: 'requested', batchSentAt: '2026-12-02' })).toContain('dip_do_not_confirm');
  });

  it('an identification change with the DIP in confecção or issued: the DIP will be made again', () => {
    expect(propose({ fields: ['birthCity'], dipStatus: 'in_manufacture' })).toEqual(['correction_queued', 'dip_redo']);
    expect(propose({ fields: ['birthCity'], dipStatus: 'issued' })).toEqual(['correction_queued', 'dip_redo']);
  });

  it('the DIP waiting for its documents is not confirmed yet, and a DIP delivered must be made again', () => {
    expect(propose({ fields: ['name'], dipStatus: 'awaiting_documents' })).toEqual(['correction_queued', 'dip_do_not_confirm']);
    expect(propose({ fields: ['birthCity'], dipStatus: 'delivered' })).toEqual(['correction_queued', 'dip_redo']);
    expect(renderMessage('dip_redo', { ...FULL, dipStatus: 'delivered' }).text).toContain('já foi entregue');
  });

  it('a contact change never touches the DIP', () => {
    for (const dipStatus of ['requested', 'confirmed', 'in_manufacture', 'issued']) {
      expect(propose({ fields: ['email', 'cep'], dipStatus })).toEqual(['correction_queued']);
    }
  });

  it('the mother’s name changed: the first access changes too', () => {
    expect(propose({ fields: ['motherName'] })).toEqual(['correction_queued', 'first_access_changed']);
    expect(propose({ fields: ['mother'] })).toEqual(['correction_queued', 'first_access_changed']);
    expect(propose({ fields: ['motherNotListed'], dipStatus: 'requested' })).toEqual([
      'correction_queued',
      'dip_do_not_confirm',
      'first_access_changed',
    ]);
  });

  it('Implanta applied the lote: the data are corrected', () => {
    expect(propose({ event: 'ack_applied', fields: ['email'] })).toEqual(['synced']);
    expect(propose({ event: 'ack_applied', fields: ['motherName'] })).toEqual(['synced', 'first_access_changed']);
  });

  it('Implanta rejected the correction: why, and what to bring', () => {
    expect(propose({ event: 'ack_rejected', fields: ['name'], dipStatus: 'requested' })).toEqual(['rejected']);
  });
});
