// Atendimentos as the clerk and the council's IT see them: numbered protocols, a state machine that
// needs a resolution, overdue by the desk's clock, an identity check that keeps nothing typed, and
// attachments accepted by their content and carried by backups.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher, createHandlers, openStore } from '../../db';
import { auditSummary } from '../../db/auditEntries';
import { HandleBroker } from '../../db/fileBroker';
import { ATTACHMENT_MAX_BYTES, type Contact } from '../../shared/contract/contacts';
import { cpfCheckDigits as validCheckDigits } from '../../shared/rules/cpf';
import { openBackupDesk, setUpDesk, type BackupDesk } from './backups/fixtures';
import { correct } from './batchFixtures';
import { addProfessional, answerOf, openTestDesk, refusalOf, type TestDesk, validCpf } from './fixtures';
import { smallPng } from '../fixtures/images';

let desk: TestDesk | null = null;
let backupDesk: BackupDesk | null = null;
afterEach(() => {
  desk?.cleanup();
  desk = null;
  backupDesk?.cleanup();
  backupDesk = null;
});

const PNG = smallPng();
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

function add(d: TestDesk, input: Record<string, unknown>): Promise<Contact> {
  return answerOf<Contact>(d, 'contacts:add', { channel: 'email', case: 'C', summary: 'Página de erro em inglês ao confirmar o DIP', ...input });
}

function storeText(d: TestDesk, table: string): string {
  return JSON.stringify(d.store.db.prepare(`SELECT * FROM ${table}`).all());
}

describe('opening an atendimento', () => {
  it('links the located record and shows its name and CPF when opened', async () => {
    desk = openTestDesk();
    const maria = addProfessional(desk.store, { name: 'Maria Lúcia Prado' });
    const contact = await add(desk, { professionalId: maria.id, notes: 'Enviou print por e-mail' });
    expect(contact).toMatchObject({
      status: 'open',
      channel: 'email',
      case: 'C',
      operator: 'Ana Paula',
      overdue: false,
      person: { professionalId: maria.id, registrationNumber: maria.registrationNumber, name: 'Maria Lúcia Prado', cpf: maria.cpf },
    });
    expect(contact.events.map((e) => e.label)).toEqual(['Atendimento aberto (E-mail)', `Cadastro localizado: registro ${maria.registrationNumber}`]);
  });

  it('keeps the CPF and name as told when no record is found yet, and links the record when it is found', async () => {
    desk = openTestDesk();
    const told = await add(desk, { cpf: '987.654.321-00', name: '  Joana   Prado ', channel: 'phone', case: 'B' });
    expect(told.person).toEqual({ professionalId: null, registrationNumber: null, name: 'Joana Prado', cpf: '98765432100' });
    const joana = addProfessional(desk.store, { name: 'Joana Prado' });
    const located = await answerOf<Contact>(desk, 'contacts:locate', { id: told.protocol, professionalId: joana.id });
    expect(located.person).toMatchObject({ professionalId: joana.id, cpf: joana.cpf });
    expect(desk.store.db.prepare('SELECT told_cpf, told_name FROM contacts WHERE id = ?').get(told.id)).toEqual({ told_cpf: null, told_name: null });
  });

  it('never pads a CPF told with dots or a hyphen and a digit missing into another person’s CPF', async () => {
    desk = openTestDesk();
    // Someone whose CPF starts with 0: "123.456.789-0" padded would be exactly theirs.
    const nine = '012345678';
    const someoneElse = addProfessional(desk.store, { cpf: nine + validCheckDigits(nine) });
    const told = `${someoneElse.cpf.slice(1, 4)}.${someoneElse.cpf.slice(4, 7)}.${someoneElse.cpf.slice(7, 10)}-${someoneElse.cpf.slice(10)}`;
    const refusal = await refusalOf(desk, 'contacts:add', { cpf: told, channel: 'phone', case: 'B', summary: 'Não recebe a senha' });
    expect(refusal).toMatchObject({ code: 'CPF_INVALID' });
    expect(refusal.message).toContain(`CPF incompleto: ${told} tem 10 dígitos`);
    expect(desk.store.db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 0 });
    // The same digits without punctuation are a number whose leading zero was dropped: restored.
    const padded = await add(desk, { cpf: someoneElse.cpf.slice(1) });
    expect(padded.person.professionalId).toBe(someoneElse.id);
  });

  it('finds the record by the CPF told, and refuses an atendimento that names nobody', async () => {
    desk = openTestDesk();
    const maria = addProfessional(desk.store);
    const byCpf = await add(desk, { cpf: maria.cpf.slice(0, 3) + '.' + maria.cpf.slice(3, 6) + '.' + maria.cpf.slice(6, 9) + '-' + maria.cpf.slice(9) });
    expect(byCpf.person.professionalId).toBe(maria.id);
    expect(await refusalOf(desk, 'contacts:add', { channel: 'post', case: 'G', summary: 'Documentos pelos Correios' })).toMatchObject({ code: 'VALUE_REQUIRED' });
    expect(await refusalOf(desk, 'contacts:add', { cpf: '123', channel: 'post', case: 'G', summary: 'Documentos pelos Correios' })).toMatchObject({ code: 'CPF_INVALID' });
    expect(await refusalOf(desk, 'contacts:add', { name: 'Joana', channel: 'fax', case: 'G', summary: 'Documentos' })).toMatchObject({ code: 'INPUT_INVALID' });
    expect(await refusalOf(desk, 'contacts:add', { name: 'Joana', channel: 'post', case: 'H', summary: 'Documentos' })).toMatchObject({ code: 'INPUT_INVALID' });
  });

  it('numbers protocols in sequence per year, never twice', async () => {
    desk = openTestDesk();
    const first = await add(desk, { name: 'Primeira' });
    const second = await add(desk, { name: 'Segunda' });
    desk.setNow('2026-01-02T12:00:00.000Z');
    const nextYear = await add(desk, { name: 'Terceira' });
    expect([first.protocol, second.protocol, nextYear.protocol]).toEqual(['AT-2025-000001', 'AT-2025-000002', 'AT-2026-000001']);
    expect(() => desk!.store.db.prepare("UPDATE contacts SET protocol = 'AT-2025-000001' WHERE id = ?").run(second.id)).toThrow(/UNIQUE/);
    expect((await answerOf<Contact>(desk, 'contacts:get', { id: 'AT-2025-000002' })).id).toBe(second.id);
    expect(await refusalOf(desk, 'contacts:get', { id: 'AT-2025-000099' })).toMatchObject({ code: 'CONTACT_NOT_FOUND' });
  });
});

describe('two windows on one desk', () => {
  it('never give two atendimentos the same protocol', async () => {
    desk = openTestDesk();
    const second = openStore({ path: desk.store.path });
    try {
      const other = { dispatch: createDispatcher(createHandlers(second, { appVersion: 'test', now: () => new Date('2025-03-10T13:00:00.000Z') })) };
      const opened = await Promise.all(
        Array.from({ length: 10 }, (_, i) => answerOf<Contact>(i % 2 === 0 ? desk! : other, 'contacts:add', { name: `Pessoa ${i}`, channel: 'phone', case: 'A', summary: 'Sem conexão' })),
      );
      expect(opened.map((c) => c.protocol).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `AT-2025-${String(i + 1).padStart(6, '0')}`));
    } finally {
      second.close();
    }
  });
});

describe('the state of an atendimento', () => {
  it('goes forwarded → waiting → resolved, and refuses resolving without saying what was done', async () => {
    desk = openTestDesk();
    const contact = await add(desk, { name: 'Joana Prado' });
    await answerOf(desk, 'contacts:setStatus', { id: contact.id, status: 'forwarded' });
    await answerOf(desk, 'contacts:answer', { id: contact.id, text: 'Sincronização refeita; pedir novo acesso em 24 h.' });
    await answerOf(desk, 'contacts:messageSent', { id: contact.id, to: 'professional', subject: 'Aguarde 24 horas e tente de novo' });
    await answerOf(desk, 'contacts:setStatus', { id: contact.id, status: 'waiting_professional' });
    const blank = await refusalOf(desk, 'contacts:close', { id: contact.id, resolution: '   ' });
    expect(blank).toMatchObject({ code: 'VALUE_REQUIRED' });
    expect(blank.message).toMatch(/resolução/);
    expect((await answerOf<Contact>(desk, 'contacts:get', { id: contact.id })).status).toBe('waiting_professional');
    const closed = await answerOf<Contact>(desk, 'contacts:close', { id: contact.id, resolution: 'Profissional acessou a plataforma.' });
    expect(closed).toMatchObject({ status: 'resolved', resolution: 'Profissional acessou a plataforma.', resolvedAt: '2025-03-10T13:00:00.000Z' });
    expect(closed.events.map((e) => e.kind)).toEqual(['created', 'forwarded', 'answered', 'message_sent', 'waiting_professional', 'resolved']);
    expect(closed.events[3]).toMatchObject({ label: 'Mensagem enviada à/ao profissional', text: 'Aguarde 24 horas e tente de novo' });
    expect(closed.events.find((e) => e.kind === 'answered')?.text).toBe('Sincronização refeita; pedir novo acesso em 24 h.');
    expect(await refusalOf(desk, 'contacts:setStatus', { id: contact.id, status: 'open' })).toMatchObject({ code: 'CONTACT_STATE' });
    // The store itself refuses a resolved atendimento without a resolution.
    expect(() => desk!.store.db.prepare("UPDATE contacts SET resolution = NULL WHERE id = ?").run(contact.id)).toThrow(/CHECK/);
  });

  it('is overdue once forwarded and unanswered for the days the desk sets (3 by default)', async () => {
    desk = openTestDesk();
    const contact = await add(desk, { name: 'Joana Prado' });
    const other = await add(desk, { name: 'Outra pessoa' });
    await answerOf(desk, 'contacts:setStatus', { id: contact.id, status: 'forwarded' });
    const overdue = async () => (await answerOf<{ items: { protocol: string }[] }>(desk!, 'contacts:list', { overdue: true })).items.map((i) => i.protocol);
    desk.setNow('2025-03-13T12:59:00.000Z');
    expect(await overdue()).toEqual([]);
    desk.setNow('2025-03-13T13:00:00.000Z');
    expect(await overdue()).toEqual([contact.protocol]);
    expect((await answerOf<Contact>(desk, 'contacts:get', { id: contact.id })).overdue).toBe(true);
    await answerOf(desk, 'settings:updateContacts', { overdueDays: 5 });
    expect(await overdue()).toEqual([]);
    desk.setNow('2025-03-15T13:00:00.000Z');
    expect(await overdue()).toEqual([contact.protocol]);
    expect(await answerOf(desk, 'contacts:counts', {})).toEqual({ byStatus: { open: 1, forwarded: 1, waiting_professional: 0, resolved: 0 }, overdue: 1, toNotify: 0 });
    await answerOf(desk, 'contacts:answer', { id: contact.id, text: 'Em análise pela equipe técnica.' });
    expect(await overdue()).toEqual([]);
    expect((await answerOf<{ overdue: number }>(desk, 'contacts:counts', {})).overdue).toBe(0);
    const all = await answerOf<{ total: number; items: { protocol: string; person: { cpf: string | null } }[] }>(desk, 'contacts:list', {});
    expect(all.items.map((i) => i.protocol)).toEqual([other.protocol, contact.protocol].sort().reverse());
  });

  it('links a correction of the same professional, and refuses one of somebody else', async () => {
    desk = openTestDesk();
    const maria = addProfessional(desk.store);
    const ana = addProfessional(desk.store);
    const contact = await add(desk, { professionalId: maria.id, case: 'D' });
    const saved = correct(desk, maria, { email: 'maria.nova@gmail.com' });
    const other = correct(desk, ana, { email: 'ana.nova@gmail.com' });
    const uuid = saved.corrections[0]!.uuid;
    const linked = await answerOf<Contact>(desk, 'contacts:linkCorrection', { id: contact.id, correctionUuid: uuid });
    expect(linked.corrections).toEqual([expect.objectContaining({ uuid, field: 'email', status: 'pending' })]);
    await answerOf(desk, 'contacts:linkCorrection', { id: contact.id, correctionUuid: uuid });
    expect((await answerOf<Contact>(desk, 'contacts:get', { id: contact.id })).corrections).toHaveLength(1);
    expect(await refusalOf(desk, 'contacts:linkCorrection', { id: contact.id, correctionUuid: other.corrections[0]!.uuid })).toMatchObject({ code: 'CONTACT_STATE' });
  });
});

describe('the identity check', () => {
  it('matches the CPF and mother’s name despite accents, case and extra spaces, and answers no for a wrong name', async () => {
    desk = openTestDesk();
    const maria = addProfessional(desk.store, { motherName: 'Antônia Conceição da Silva' });
    const contact = await add(desk, { professionalId: maria.id });
    const punctuated = `${maria.cpf.slice(0, 3)}.${maria.cpf.slice(3, 6)}.${maria.cpf.slice(6, 9)}-${maria.cpf.slice(9)}`;
    expect(await answerOf(desk, 'contacts:checkIdentity', { id: contact.id, cpf: punctuated, motherName: '  ANTONIA   conceicao DA silva ' })).toEqual({
      cpfMatches: true,
      motherMatches: true,
      confirmed: true,
    });
    expect(await answerOf(desk, 'contacts:checkIdentity', { id: contact.id, cpf: maria.cpf, motherName: 'Benedita Rosa Vieira' })).toEqual({
      cpfMatches: true,
      motherMatches: false,
      confirmed: false,
    });
    expect(await answerOf(desk, 'contacts:checkIdentity', { id: contact.id, cpf: maria.cpf, motherNotListed: true })).toMatchObject({ motherMatches: false });
    expect(await refusalOf(desk, 'contacts:checkIdentity', { id: contact.id, cpf: maria.cpf })).toMatchObject({ code: 'MOTHER_MISSING' });
    const labels = (await answerOf<Contact>(desk, 'contacts:get', { id: contact.id })).events.filter((e) => e.kind === 'identity_checked').map((e) => e.label);
    expect(labels).toEqual(['Identidade conferida: confere', 'Identidade conferida: não confere (nome da mãe)', 'Identidade conferida: não confere (nome da mãe)']);
  });

  it('stops answering after three wrong answers for one professional in a day, on any of her/his atendimentos, so the mother’s name cannot be guessed', async () => {
    desk = openTestDesk();
    const maria = addProfessional(desk.store, { motherName: 'Antônia Conceição da Silva' });
    const first = await add(desk, { professionalId: maria.id });
    for (const guess of ['Ana', 'Antônia Souza', 'Maria Antônia']) {
      expect(await answerOf(desk, 'contacts:checkIdentity', { id: first.id, cpf: maria.cpf, motherName: guess })).toMatchObject({ confirmed: false });
    }
    const second = await add(desk, { professionalId: maria.id });
    const right = { id: second.id, cpf: maria.cpf, motherName: 'Antônia Conceição da Silva' };
    const locked = await refusalOf(desk, 'contacts:checkIdentity', right);
    expect(locked).toMatchObject({ code: 'CONTACT_STATE' });
    expect(locked.message).toContain('não conferiu três vezes nas últimas 24 horas');
    expect(JSON.stringify(locked)).not.toMatch(/Antônia|confere: sim/);
    desk.setNow('2025-03-11T13:00:01.000Z');
    expect(await answerOf(desk, 'contacts:checkIdentity', right)).toMatchObject({ confirmed: true });
  });

  it('matches “Não consta mãe” only when the record has the flag', async () => {
    desk = openTestDesk();
    const noMother = addProfessional(desk.store, { motherName: null, motherNotListed: true });
    const contact = await add(desk, { professionalId: noMother.id, case: 'F' });
    expect(await answerOf(desk, 'contacts:checkIdentity', { id: contact.id, cpf: noMother.cpf, motherNotListed: true })).toMatchObject({ confirmed: true });
    expect(await answerOf(desk, 'contacts:checkIdentity', { id: contact.id, cpf: validCpf(11), motherName: 'Não consta' })).toEqual({
      cpfMatches: false,
      motherMatches: false,
      confirmed: false,
    });
  });

  it('never keeps the typed answer nor returns the stored mother’s name: not in the events, the audit trail or the answer', async () => {
    desk = openTestDesk();
    const maria = addProfessional(desk.store, { motherName: 'Antônia Conceição da Silva' });
    const contact = await add(desk, { professionalId: maria.id });
    const typedCpf = validCpf(424_242);
    const answer = await desk.dispatch('contacts:checkIdentity', { id: contact.id, cpf: typedCpf, motherName: 'Benedita Rosa Vieira' });
    expect(JSON.stringify(answer)).not.toMatch(/Antônia|Conceição/);
    const contactView = JSON.stringify(await answerOf(desk, 'contacts:get', { id: contact.id }));
    expect(contactView).not.toMatch(/Antônia|Benedita/);
    for (const table of ['contact_events', 'audit_log', 'contacts']) {
      const text = storeText(desk, table);
      expect(text, table).not.toMatch(/Benedita|benedita|BENEDITA/);
      expect(text, table).not.toContain(typedCpf);
    }
    expect(storeText(desk, 'audit_log')).not.toContain(maria.cpf);
  });

  it('waits for the record to be located', async () => {
    desk = openTestDesk();
    const contact = await add(desk, { name: 'Joana Prado' });
    expect(await refusalOf(desk, 'contacts:checkIdentity', { id: contact.id, cpf: validCpf(5), motherName: 'Rosa' })).toMatchObject({ code: 'CONTACT_STATE' });
  });
});

describe('attachments', () => {
  it('accepts a PNG and a PDF by their content, keeping name, type, size and SHA-256', async () => {
    desk = openTestDesk();
    const contact = await add(desk, { name: 'Joana Prado' });
    const png = desk.file('print.png');
    const pdf = desk.file('rg.pdf');
    writeFileSync(png, PNG);
    writeFileSync(pdf, PDF);
    const first = await answerOf<{ id: number; fileName: string; type: string; size: number; sha256: string }>(desk, 'contacts:attach', { id: contact.id, path: png });
    expect(first).toMatchObject({ fileName: 'print.png', type: 'image/png', size: PNG.length, sha256: createHash('sha256').update(PNG).digest('hex') });
    const second = await answerOf<{ type: string }>(desk, 'contacts:attach', { id: contact.protocol, path: pdf });
    expect(second.type).toBe('application/pdf');
    const opened = await answerOf<Contact>(desk, 'contacts:get', { id: contact.id });
    expect(opened.attachmentList.map((a) => a.fileName)).toEqual(['print.png', 'rg.pdf']);
    expect(opened.attachments).toBe(2);
    expect(opened.events.filter((e) => e.kind === 'attached').map((e) => e.label)).toEqual(['Anexo recebido: imagem PNG, 1 KB', 'Anexo recebido: PDF, 1 KB']);
    // The audit trail records the file by its SHA-256, never by its name.
    expect(storeText(desk, 'audit_log')).not.toMatch(/print\.png|rg\.pdf/);
    expect(storeText(desk, 'contact_events')).not.toMatch(/print\.png|rg\.pdf/);
  });

  it('refuses a program renamed as .png, naming the file, and stores nothing', async () => {
    desk = openTestDesk();
    const contact = await add(desk, { name: 'Joana Prado' });
    const fake = desk.file('comprovante.png');
    writeFileSync(fake, EXE);
    const refused = await refusalOf(desk, 'contacts:attach', { id: contact.id, path: fake });
    expect(refused.code).toBe('ATTACHMENT_TYPE');
    expect(refused.message).toContain('"comprovante.png" não é uma imagem PNG/JPEG nem um PDF');
    writeFileSync(fake, Buffer.alloc(0));
    expect((await refusalOf(desk, 'contacts:attach', { id: contact.id, path: fake })).code).toBe('ATTACHMENT_TYPE');
    expect(desk.store.db.prepare('SELECT count(*) FROM contact_attachments').pluck().get()).toBe(0);
  });

  it('a file that is gone or is a folder is named in words, without the system’s codes', async () => {
    desk = openTestDesk();
    const contact = await add(desk, { name: 'Joana Prado' });
    const gone = await refusalOf(desk, 'contacts:attach', { id: contact.id, path: desk.file('sumiu.pdf') });
    expect(gone.message).toBe('Arquivo não encontrado: sumiu.pdf. Confira o caminho e escolha-o novamente.');
    const folder = await refusalOf(desk, 'contacts:attach', { id: contact.id, path: desk.file('') });
    expect(folder.message).not.toMatch(/E[A-Z]{3,}/);
  });

  it('refuses a file over 10 MB, saying the limit', async () => {
    desk = openTestDesk();
    const contact = await add(desk, { name: 'Joana Prado' });
    const big = desk.file('digitalizacao.pdf');
    writeFileSync(big, Buffer.concat([PDF, Buffer.alloc(ATTACHMENT_MAX_BYTES)]));
    const refused = await refusalOf(desk, 'contacts:attach', { id: contact.id, path: big });
    expect(refused.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(refused.message).toMatch(/"digitalizacao\.pdf" tem mais de 10 MB: o limite é de 10 MB por anexo/);
    const exactly = desk.file('limite.pdf');
    writeFileSync(exactly, Buffer.concat([PDF, Buffer.alloc(ATTACHMENT_MAX_BYTES - PDF.length)]));
    expect((await answerOf<{ size: number }>(desk, 'contacts:attach', { id: contact.id, path: exactly })).size).toBe(ATTACHMENT_MAX_BYTES);
  });

  it('takes from the window only files its dialog handed out, with the name the clerk saw', async () => {
    desk = openTestDesk();
    const contact = await add(desk, { name: 'Joana Prado' });
    const path = desk.file('tela.png');
    writeFileSync(path, PNG);
    const files = new HandleBroker();
    const window = createHandlers(desk.store, { appVersion: 'test', files });
    await expect(Promise.resolve().then(() => window['contacts:attach']({ id: contact.id, path }))).rejects.toMatchObject({ code: 'FILE_NOT_GRANTED' });
    const handle = files.issue(path, 'read', { name: 'Print do erro.png' });
    expect(await window['contacts:attach']({ id: contact.id, path: handle, fileName: 'outro.png' })).toMatchObject({ fileName: 'Print do erro.png', type: 'image/png' });
  });

  it('saves an attachment with the same bytes, never over another file', async () => {
    desk = openTestDesk();
    const contact = await add(desk, { name: 'Joana Prado' });
    const path = desk.file('rg.pdf');
    writeFileSync(path, PDF);
    const { id } = await answerOf<{ id: number }>(desk, 'contacts:attach', { id: contact.id, path });
    const out = desk.file('copia.pdf');
    const saved = await answerOf<{ path: string; size: number }>(desk, 'contacts:attachment', { attachmentId: id, path: out });
    expect(saved).toMatchObject({ path: out, size: PDF.length });
    expect(readFileSync(out).equals(PDF)).toBe(true);
    expect(await refusalOf(desk, 'contacts:attachment', { attachmentId: id, path: out })).toMatchObject({ code: 'EXPORT_DESTINATION' });
  });

  it('comes back byte for byte after a backup is restored', async () => {
    backupDesk = openBackupDesk();
    const b = backupDesk;
    await setUpDesk(b, { professionals: 2 });
    const contact = await answerOf<Contact>(b.desk, 'contacts:add', { name: 'Joana Prado', channel: 'email', case: 'C', summary: 'Print da tela de erro' });
    const png = b.dir.file('tela.png');
    const bytes = smallPng(50_000);
    writeFileSync(png, bytes);
    const attached = await answerOf<{ id: number; sha256: string }>(b.desk, 'contacts:attach', { id: contact.id, path: png });
    const created = await b.create();
    // After the backup the attachment's row is gone: the restore must bring it back.
    b.desk.store.db.prepare('DELETE FROM contact_events').run();
    b.desk.store.db.prepare('DELETE FROM contact_attachments').run();
    const { jobId } = await b.prepare(created.file);
    await b.call('backups:restoreApply', { jobId });
    const out = b.dir.file('restaurado.png');
    await answerOf(b.desk, 'contacts:attachment', { attachmentId: attached.id, path: out });
    expect(readFileSync(out).equals(bytes)).toBe(true);
    expect(createHash('sha256').update(readFileSync(out)).digest('hex')).toBe(attached.sha256);
  });
});

describe('the audit trail of an atendimento', () => {
  it('reads each step by its protocol, in Portuguese, with no name, CPF, file name or free text', async () => {
    desk = openTestDesk();
    const maria = addProfessional(desk.store, { name: 'Maria Lúcia Prado', motherName: 'Antônia da Silva' });
    const contact = await add(desk, { professionalId: maria.id, notes: 'Ligou duas vezes' });
    const png = desk.file('Print Maria Lúcia.png');
    writeFileSync(png, PNG);
    await answerOf(desk, 'contacts:attach', { id: contact.id, path: png });
    await answerOf(desk, 'contacts:checkIdentity', { id: contact.id, cpf: maria.cpf, motherName: 'Antonia da Silva' });
    await answerOf(desk, 'contacts:setStatus', { id: contact.id, status: 'forwarded' });
    await answerOf(desk, 'contacts:answer', { id: contact.id, text: 'Resposta sobre Maria Lúcia' });
    await answerOf(desk, 'contacts:close', { id: contact.id, resolution: 'Acesso liberado para Maria Lúcia' });
    const rows = desk.store.db.prepare("SELECT action, detail FROM audit_log WHERE entity = 'contact' ORDER BY id").all() as { action: string; detail: string }[];
    expect(rows.map((r) => auditSummary(r.action, JSON.parse(r.detail)))).toEqual([
      `Atendimento ${contact.protocol} aberto (E-mail, caso C)`,
      `Atendimento ${contact.protocol}: anexo recebido (imagem PNG, 1 KB)`,
      `Atendimento ${contact.protocol}: identidade conferida — confere`,
      `Atendimento ${contact.protocol}: Encaminhado à Implanta`,
      `Atendimento ${contact.protocol}: resposta da Implanta registrada`,
      `Atendimento ${contact.protocol} resolvido`,
    ]);
    const trail = storeText(desk, 'audit_log');
    for (const value of ['Maria Lúcia', 'Antônia', 'Antonia', maria.cpf, 'Print', 'Ligou', 'Resposta sobre', 'Acesso liberado']) expect(trail).not.toContain(value);
    expect(await answerOf(desk, 'audit:verify', {})).toMatchObject({ ok: true });
  });
});

describe('the atendimentos settings', () => {
  it('keep Implanta’s support address only when it is an e-mail, and 3 overdue days until changed', async () => {
    desk = openTestDesk();
    expect(await answerOf(desk, 'settings:contacts', {})).toEqual({ implantaEmail: null, overdueDays: 3 });
    expect(await refusalOf(desk, 'settings:updateContacts', { implantaEmail: 'suporte@implanta' })).toMatchObject({ code: 'EMAIL_INVALID' });
    expect(await answerOf(desk, 'settings:updateContacts', { implantaEmail: ' Suporte@Implanta.com.br ', overdueDays: 4 })).toEqual({
      implantaEmail: 'suporte@implanta.com.br',
      overdueDays: 4,
    });
    expect(await refusalOf(desk, 'settings:updateContacts', { overdueDays: 0 })).toMatchObject({ code: 'INPUT_INVALID' });
    expect(await answerOf(desk, 'settings:updateContacts', { implantaEmail: '' })).toEqual({ implantaEmail: null, overdueDays: 4 });
    expect(await answerOf(desk, 'audit:verify', {})).toMatchObject({ ok: true });
  });
});
