// The .eml files a clerk opens in the mail program to forward a contact to Implanta or to answer the
// professional, read back with an independent MIME parser as the receiving mail program would.
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import {
  composeForward,
  composeToProfessional,
  emlFileName,
  type EmailAttachment,
  type ForwardToImplanta,
} from '../../db/contacts/email';
import { smallPng } from '../fixtures/images';

const CPF = '52998224725';


/** A real one-page PDF with its cross-reference table at the right offsets. */
function smallPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 44 >>\nstream\nBT /F1 12 Tf 20 50 Td (Comprovante) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let text = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(text, 'latin1'));
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(text, 'latin1');
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, 'latin1');
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function forward(overrides: Partial<ForwardToImplanta> = {}): ForwardToImplanta {
  return {
    to: 'suporte@implanta.net.br',
    from: 'atendimento@cress-sp.org.br',
    council: 'CRESS 9ª Região (SP)',
    protocol: 'AT-2026-000123',
    caseLetter: 'C',
    professional: {
      name: 'Conceição Araújo Simões',
      cpf: CPF,
      registration: '45678',
      motherName: 'Antônia Gonçalves Araújo',
      motherNotListed: false,
    },
    action: 'Confirmar o endereço no recadastramento',
    notes: 'A página de erro aparece depois de clicar em “Salvar”.',
    diagnosis: {
      pendencies: [{ case: 'E', message: 'CEP 01310-100 não encontrado no diretório de CEPs.' }],
      corrections: [
        { field: 'E-mail', from: 'conceicao@gmial.com', to: 'conceicao@gmail.com', status: 'Enviada', batch: 'Lote 2026-0042' },
        { field: 'Telefone', from: null, to: '(11) 98765-4321', status: 'Pendente', batch: null },
      ],
    },
    attachments: [],
    date: new Date('2026-12-02T14:30:00Z'),
    ...overrides,
  };
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ''));
}

async function parse(eml: Buffer): Promise<ParsedMail> {
  return simpleParser(eml);
}

/** The text of the e-mail forwarding `message`, checked to contain each of `lines`. */
async function forwardedText(message: ForwardToImplanta, lines: string[]): Promise<string | undefined> {
  const { text } = await parse(await composeForward(message));
  for (const line of lines) expect(text).toContain(line);
  return text;
}

describe('the message forwarding a contact to Implanta', () => {
  it('is addressed from the council to Implanta, with the council, case and protocol in the subject', async () => {
    const mail = await parse(await composeForward(forward()));
    expect(addresses(mail.to)).toEqual(['suporte@implanta.net.br']);
    expect(addresses(mail.from)).toEqual(['atendimento@cress-sp.org.br']);
    expect(mail.from?.value[0]?.name).toBe('CRESS 9ª Região (SP)');
    expect(mail.subject).toBe('CRESS 9ª Região (SP) — Caso C — Protocolo AT-2026-000123 — recadastramento');
  });

  it('opens as a draft to send in Outlook, and carries its own Message-ID and date', async () => {
    const mail = await parse(await composeForward(forward()));
    expect(mail.headers.get('x-unsent')).toBe('1');
    expect(mail.messageId).toMatch(/^<[^<>@\s]+@cress-sp\.org\.br>$/);
    expect(mail.date?.toISOString()).toBe('2026-12-02T14:30:00.000Z');
  });

  it('is written with CRLF line ends and encodes accented header values instead of sending raw bytes', async () => {
    const eml = await composeForward(forward());
    const text = eml.toString('latin1');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const headers = text.slice(0, text.indexOf('\r\n\r\n'));
    expect(headers).not.toMatch(/[^\x20-\x7e\r\n\t]/);
    expect(headers).toMatch(/^Subject: =\?UTF-8\?/m);
  });

  it('gives Implanta what the notice asks: the formatted CPF, the name, the registration, the mother’s name and the action', async () => {
    const text = await forwardedText(forward(), [
      'CPF: 529.982.247-25',
      'Nome: Conceição Araújo Simões',
      'Registro: 45678',
      'Nome da mãe: Antônia Gonçalves Araújo',
      'Confirmar o endereço no recadastramento',
      'A página de erro aparece depois de clicar em “Salvar”.',
    ]);
    expect(text).not.toMatch(/undefined|null/);
  });

  it('says "Não consta mãe" when the identity document shows no mother', async () => {
    const message = forward({ professional: { ...forward().professional, motherName: null, motherNotListed: true } });
    await forwardedText(message, ['Nome da mãe: Não consta mãe']);
  });

  it('says what is missing instead of printing empty values', async () => {
    const message = forward({
      caseLetter: 'other',
      professional: { name: null, cpf: null, registration: null, motherName: null, motherNotListed: false },
      notes: '',
      diagnosis: { pendencies: [], corrections: [] },
    });
    const mail = await parse(await composeForward(message));
    expect(mail.subject).toBe('CRESS 9ª Região (SP) — Protocolo AT-2026-000123 — recadastramento');
    expect(mail.text).toContain('CPF: não informado');
    expect(mail.text).toContain('Nome da mãe: não informado');
    expect(mail.text).toContain('Nenhuma pendência no cadastro.');
    expect(mail.text).toContain('Nenhuma correção em andamento.');
    expect(mail.text).toContain('Anexos: nenhum arquivo');
    expect(mail.text).not.toMatch(/undefined|null/);
  });

  it('lists the CRESS diagnosis: the pendências by case and the corrections in flight with their lote', async () => {
    await forwardedText(forward(), [
      'Diagnóstico do CRESS',
      '- Caso E: CEP 01310-100 não encontrado no diretório de CEPs.',
      '- E-mail: conceicao@gmial.com → conceicao@gmail.com (Enviada, Lote 2026-0042)',
      '- Telefone: (vazio) → (11) 98765-4321 (Pendente, ainda sem lote)',
    ]);
  });

  it('carries each screenshot and document byte for byte, with its name and type, and counts them without "(s)"', async () => {
    const png = smallPng();
    const pdf = smallPdf();
    const attachments: EmailAttachment[] = [
      { filename: 'tela de erro.png', contentType: 'image/png', content: png },
      { filename: 'certidão de casamento.pdf', contentType: 'application/pdf', content: pdf },
    ];
    const mail = await parse(await composeForward(forward({ attachments })));
    expect(mail.text).toContain('Anexos: 2 arquivos');
    expect(mail.text).not.toContain('(s)');
    expect(mail.attachments.map((a) => [a.filename, a.contentType, sha256(a.content)])).toEqual([
      ['tela de erro.png', 'image/png', sha256(png)],
      ['certidão de casamento.pdf', 'application/pdf', sha256(pdf)],
    ]);
  });

  it('counts a single attachment in the singular', async () => {
    const attachments: EmailAttachment[] = [{ filename: 'print.png', contentType: 'image/png', content: smallPng() }];
    const text = await forwardedText(forward({ attachments }), ['Anexos: 1 arquivo']);
    expect(text).not.toContain('1 arquivos');
  });

  it('leaves the From header out when the council has no address set, so the mail program uses its own', async () => {
    const mail = await parse(await composeForward(forward({ from: null })));
    expect(mail.from).toBeUndefined();
    expect(addresses(mail.to)).toEqual(['suporte@implanta.net.br']);
    expect(mail.messageId).toMatch(/^<[^<>@\s]+@[^<>@\s]+>$/);
  });

  it('cannot be made to add a header by a line break in what was typed', async () => {
    const message = forward({
      council: 'CRESS 9ª Região (SP)\r\nBcc: espiao@example.com',
      protocol: 'AT-2026-000123\r\nBcc: espiao@example.com',
      action: 'Entrar\r\nBcc: espiao@example.com',
      professional: { ...forward().professional, name: 'Maria\r\nBcc: espiao@example.com', cpf: `${CPF}\nBcc: espiao@example.com` },
      attachments: [{ filename: 'a.png\r\nBcc: espiao@example.com', contentType: 'image/png', content: smallPng() }],
    });
    const eml = await composeForward(message);
    const mail = await parse(eml);
    expect(mail.headers.has('bcc')).toBe(false);
    expect(mail.bcc).toBeUndefined();
    expect(addresses(mail.to)).toEqual(['suporte@implanta.net.br']);
    const text = eml.toString('latin1');
    expect(text.slice(0, text.indexOf('\r\n\r\n'))).not.toMatch(/^Bcc:/im);
  });

  it('refuses a destination or sender that is not one plain address', async () => {
    await expect(composeForward(forward({ to: 'suporte@implanta.net.br, outro@example.com' }))).rejects.toThrow(/e-mail/i);
    await expect(composeForward(forward({ to: 'suporte@implanta.net.br\r\nBcc: x@y.com' }))).rejects.toThrow(/e-mail/i);
    await expect(composeForward(forward({ from: 'Fulano <a@b.com>' }))).rejects.toThrow(/e-mail/i);
  });
});

describe('the message to the professional', () => {
  const base = {
    to: 'conceicao@gmail.com',
    from: 'atendimento@cress-sp.org.br',
    council: 'CRESS 9ª Região (SP)',
    subject: 'CRESS 9ª Região (SP) — Correção dos seus dados — Protocolo AT-2026-000123',
    text: 'Olá, Conceição Araújo Simões,\n\nSeus dados já estão corrigidos na plataforma.\n',
    date: new Date('2026-12-03T12:00:00Z'),
  };

  it('goes from the council to the professional as a draft, subject and text with their accents', async () => {
    const mail = await parse(await composeToProfessional(base));
    expect(addresses(mail.to)).toEqual(['conceicao@gmail.com']);
    expect(addresses(mail.from)).toEqual(['atendimento@cress-sp.org.br']);
    expect(mail.from?.value[0]?.name).toBe('CRESS 9ª Região (SP)');
    expect(mail.subject).toBe(base.subject);
    expect(mail.headers.get('x-unsent')).toBe('1');
    expect(mail.text).toContain('Seus dados já estão corrigidos na plataforma.');
    expect(mail.attachments).toEqual([]);
  });

  it('cannot be made to add a Bcc through its subject', async () => {
    const mail = await parse(await composeToProfessional({ ...base, subject: 'Aviso\r\nBcc: x@y.com' }));
    expect(mail.headers.has('bcc')).toBe(false);
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });
});

describe('the name of the .eml file', () => {
  it('is the protocol and the kind of message, with no personal data', () => {
    expect(emlFileName('AT-2026-000123', 'encaminhamento')).toBe('AT-2026-000123-encaminhamento.eml');
    expect(emlFileName('AT-2026-000123', 'mensagem')).toBe('AT-2026-000123-mensagem.eml');
    const name = emlFileName(forward().protocol, 'encaminhamento');
    expect(name).not.toContain(CPF);
    expect(name).not.toContain('529.982.247-25');
    expect(name).not.toMatch(/Concei/i);
  });

  it('keeps only characters every file system accepts', () => {
    expect(emlFileName('../AT 2026/000123:x', 'mensagem')).toMatch(/^[A-Za-z0-9._-]+\.eml$/);
    expect(emlFileName('../AT 2026/000123:x', 'mensagem')).not.toContain('..');
    expect(emlFileName('', 'mensagem')).toBe('atendimento-mensagem.eml');
  });
});
