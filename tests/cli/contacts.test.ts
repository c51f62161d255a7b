// `cress-desk contact` as the council's IT runs it: opening atendimentos with their files, the
// --json shapes, the identity check that keeps nothing typed, and the exit codes of a refused file,
// an attachment over the limit and a channel or case the notice does not know.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDesk, initDesk } from './command';
import { smallPng } from '../fixtures/images';

const PNG = smallPng();
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
let registration: string;
let cpf: string;

const desk = cliDesk('cress-contacts-', (d) => {
  initDesk(d, { operator: 'Ana Paula', professionals: 30, seed: 3 });
  const someone = d.json('registry', 'search', 'a').body.items[0];
  registration = someone.registrationNumber;
  cpf = d.json('registry', 'show', registration).body.cpf;
  writeFileSync(join(d.dir, 'tela.png'), PNG);
  writeFileSync(join(d.dir, 'rg.pdf'), PDF);
});
const { run, json } = desk;

describe('contact add', () => {
  it('opens an atendimento for a registration number with its files, and prints it as JSON', () => {
    const added = json('contact', 'add', registration, '--channel', 'email', '--case', 'c', '--summary', 'Página de erro em inglês', '--attach', join(desk.dir, 'tela.png'), '--attach', join(desk.dir, 'rg.pdf'));
    expect(added.code, added.stderr).toBe(0);
    expect(added.body).toMatchObject({ protocol: expect.stringMatching(/^AT-\d{4}-000001$/), status: 'open', channel: 'email', case: 'C', overdue: false });
    expect(added.body.person).toMatchObject({ registrationNumber: registration, cpf });
    expect(added.body.attachmentList.map((a: { fileName: string; type: string }) => [a.fileName, a.type])).toEqual([
      ['tela.png', 'image/png'],
      ['rg.pdf', 'application/pdf'],
    ]);
    expect(added.body.events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'located', 'attached', 'attached']);
  });

  it('opens one for a CPF with no record, keeping the CPF and name as told', () => {
    const added = json('contact', 'add', '529.982.247-25', '--channel', 'phone', '--case', 'other', '--summary', 'Não consegue entrar', '--name', 'Joana Prado');
    expect(added.code, added.stderr).toBe(0);
    expect(added.body.person).toEqual({ professionalId: null, registrationNumber: null, name: 'Joana Prado', cpf: '52998224725' });
    expect(added.body.protocol).toMatch(/-000002$/);
  });

  it('locates one opened before its record was found, with `contact locate`, after a correction naming it was refused', () => {
    const added = json('contact', 'add', '111.444.777-35', '--channel', 'phone', '--case', 'B', '--summary', 'Não consegue entrar', '--name', 'Rita Souza');
    expect(added.code, added.stderr).toBe(0);
    const protocol = added.body.protocol as string;
    const refused = run('correct', registration, '--field', 'email', '--value', 'outra.caixa@gmail.com', '--reason', 'Pedido no balcão', '--contact', protocol);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`O atendimento ${protocol} ainda não foi localizado e foi aberto com o CPF 111.444.777-35 (Rita Souza)`);
    expect(json('contact', 'show', protocol).body.person).toMatchObject({ professionalId: null, name: 'Rita Souza' });
    expect(run('contact', 'locate', protocol, '00000').code).toBe(1);
    const located = run('contact', 'locate', protocol, registration);
    expect(located.code, located.stderr).toBe(0);
    expect(located.stdout).toContain(`Atendimento ${protocol} located:`);
    expect(json('contact', 'show', protocol).body.person).toMatchObject({ registrationNumber: registration, cpf });
  });

  it('exits 1 naming a file that is not an image or a PDF, and opens nothing', () => {
    const before = json('contact', 'list').body.total;
    writeFileSync(join(desk.dir, 'foto.png'), Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]));
    const refused = run('contact', 'add', registration, '--channel', 'email', '--case', 'C', '--summary', 'Erro', '--attach', join(desk.dir, 'foto.png'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('"foto.png" não é uma imagem PNG/JPEG nem um PDF');
    expect(json('contact', 'list').body.total).toBe(before);
  });

  it('exits 1 for an attachment over 10 MB, saying the limit', () => {
    writeFileSync(join(desk.dir, 'grande.pdf'), Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]));
    const refused = run('contact', 'add', registration, '--channel', 'post', '--case', 'G', '--summary', 'Documentos', '--attach', join(desk.dir, 'grande.pdf'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/"grande\.pdf" tem mais de 10 MB: o limite é de 10 MB por anexo/);
  });

  it('exits 2 for a channel or case the notice does not know, listing the choices', () => {
    const channel = run('contact', 'add', registration, '--channel', 'fax', '--case', 'C', '--summary', 'Erro');
    expect(channel.code).toBe(2);
    expect(channel.stderr).toMatch(/fax.*email, phone, in_person, post/);
    const kase = run('contact', 'add', registration, '--channel', 'email', '--case', 'Z', '--summary', 'Erro');
    expect(kase.code).toBe(2);
    expect(kase.stderr).toContain('--case takes one of A, B, C, D, E, F, G, other');
  });

  it('exits 1 for a registration number that matches no record', () => {
    const refused = run('contact', 'add', '77', '--channel', 'email', '--case', 'C', '--summary', 'Erro');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('PROFESSIONAL_NOT_FOUND');
  });
});

// Several command-line runs per test: beside the concurrency suite on a two-core machine each run can
// take seconds, so these tests get more than the default 30 s.
describe('following an atendimento', { timeout: 90_000 }, () => {
  it('checks the identity, answering only yes or no per item', () => {
    const wrong = json('contact', 'check', 'AT-' + json('contact', 'show', '1').body.protocol.slice(3), '--cpf', cpf, '--mother', 'Benedita Rosa Vieira');
    expect(wrong.code, wrong.stderr).toBe(0);
    expect(wrong.body).toEqual({ cpfMatches: true, motherMatches: false, confirmed: false });
    expect(run('contact', 'check', '1', '--cpf', cpf).code).toBe(2);
    expect(run('contact', 'check', '1', '--cpf', cpf, '--mother', 'X', '--mother-not-listed').code).toBe(2);
    const shown = run('contact', 'show', '1');
    expect(shown.stdout).toContain('Identidade conferida: não confere (nome da mãe)');
    expect(shown.stdout).not.toContain('Benedita');
  });

  it('records the forwarding, Implanta’s answer and the resolution, and refuses closing without one', () => {
    expect(run('contact', 'status', '1', '--to', 'forwarded').code).toBe(0);
    expect(json('contact', 'list', '--status', 'forwarded').body.items.map((i: { id: number }) => i.id)).toEqual([1]);
    expect(json('contact', 'list', '--overdue').body).toMatchObject({ total: 0, items: [] });
    const answered = json('contact', 'answer', '1', '--text', 'Sincronização refeita.');
    expect(answered.body.events.at(-1)).toMatchObject({ kind: 'answered', text: 'Sincronização refeita.' });
    const blank = run('contact', 'close', '1', '--resolution', ' ');
    expect(blank.code).toBe(1);
    expect(blank.stderr).toMatch(/resolução/);
    const closed = json('contact', 'close', '1', '--resolution', 'Profissional acessou a plataforma.');
    expect(closed.body).toMatchObject({ status: 'resolved', resolution: 'Profissional acessou a plataforma.' });
    expect(run('contact', 'show', 'nada').code).toBe(2);
    expect(run('contact', 'show', 'AT-2020-000009').code).toBe(1);
  });

  it('lists with masked CPFs and saves an attachment back out with the same bytes', () => {
    const listed = json('contact', 'list');
    expect(Object.keys(listed.body)).toEqual(['total', 'page', 'pageSize', 'items']);
    expect(listed.body.items.every((i: { person: { cpf: string | null } }) => i.person.cpf === null || i.person.cpf.startsWith('***.'))).toBe(true);
    const out = join(desk.dir, 'copia.png');
    const saved = json('contact', 'attachment', '1', '--out', out);
    expect(saved.code, saved.stderr).toBe(0);
    expect(readFileSync(out).equals(PNG)).toBe(true);
    expect(run('contact', 'attachment', '1', '--out', out).code).toBe(1);
    expect(run('audit', 'verify').code).toBe(0);
  });
});

describe('contact forward and message', { timeout: 90_000 }, () => {
  it('asks for Implanta’s address, then writes the .eml into the folder and marks the atendimento forwarded', () => {
    const opened = json('contact', 'add', registration, '--channel', 'phone', '--case', 'D', '--summary', 'O e-mail da senha não chega', '--attach', join(desk.dir, 'tela.png'));
    const id = String(opened.body.id);
    const folder = mkdtempSync(join(desk.dir, 'saida-'));
    const unset = run('contact', 'forward', id, '--out', folder);
    expect(unset.code).toBe(1);
    expect(unset.stderr).toMatch(/e-mail de suporte da Implanta em Configurações/);
    expect(readdirSync(folder)).toEqual([]);
    expect(run('contact', 'settings', '--implanta-email', 'suporte@implanta.com.br').code).toBe(0);
    expect(json('contact', 'settings').body).toEqual({ implantaEmail: 'suporte@implanta.com.br', overdueDays: 3 });
    const forwarded = run('contact', 'forward', id, '--out', folder);
    expect(forwarded.code, forwarded.stderr).toBe(0);
    const file = `${opened.body.protocol}-encaminhamento-DEMONSTRACAO.eml`;
    expect(readdirSync(folder)).toEqual([file]);
    const eml = readFileSync(join(folder, file), 'latin1');
    expect(eml).toMatch(/^To: suporte@implanta\.com\.br$/m);
    expect(eml).toContain('tela.png');
    expect(json('contact', 'show', id).body.status).toBe('forwarded');
    expect(run('contact', 'forward', id, '--out', folder).code).toBe(1); // never over the first one
  });

  it('prints a message from a template with its phone script, and refuses a template it does not know (exit 2)', () => {
    const message = run('contact', 'message', '1', '--template', 'synced');
    expect(message.code, message.stderr).toBe(0);
    expect(message.stdout).toMatch(/^Subject: /);
    expect(message.stdout).toContain('Phone script:');
    const unknown = run('contact', 'message', '1', '--template', 'parabens');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/correction_queued/);
  });
});

describe('a correction that names its atendimento', { timeout: 90_000 }, () => {
  it('links it with --contact, lists it "a avisar" with the template to send, refuses to record a message whose news did not happen, and drops it once the right one is recorded as sent', () => {
    const opened = json('contact', 'add', registration, '--channel', 'email', '--case', 'B', '--summary', 'E-mail antigo no cadastro');
    const protocol: string = opened.body.protocol;
    const saved = run('correct', registration, '--field', 'email', '--value', 'nova.caixa@exemplo.com.br', '--reason', 'E-mail informado pela profissional', '--contact', protocol.toLowerCase());
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain(`Linked to atendimento ${protocol}.`);
    const shown = json('contact', 'show', protocol).body;
    expect(shown.corrections.map((c: { field: string }) => c.field)).toEqual(['email']);
    expect(shown.toNotify).toBe('correction_queued');
    expect(run('contact', 'show', protocol).stdout).toContain('A avisar: Correção registrada: aguardar a sincronização');
    const listed = json('contact', 'list', '--to-notify').body;
    expect(listed.items.map((c: { protocol: string; toNotify: string }) => [c.protocol, c.toNotify])).toEqual([[protocol, 'correction_queued']]);
    // The list says it in words, as the record does, not as the template's code.
    expect(run('contact', 'list', '--to-notify').stdout).toContain('(a avisar: Correção registrada: aguardar a sincronização)');

    const drafts = mkdtempSync(join(desk.dir, 'mensagens-'));
    const untrue = run('contact', 'message', protocol, '--template', 'synced', '--out', drafts, '--sent');
    expect(untrue.code).toBe(1);
    expect(readdirSync(drafts)).toEqual([]);
    expect(untrue.stderr).toContain('“Dados corrigidos na plataforma”');
    expect(json('contact', 'show', protocol).body.toNotify).toBe('correction_queued');

    const told = run('contact', 'message', protocol, '--template', 'correction_queued', '--sent');
    expect(told.code, told.stderr).toBe(0);
    expect(json('contact', 'list', '--to-notify').body.total).toBe(0);
    expect(json('contact', 'show', protocol).body.toNotify).toBeNull();

    // Implanta applies it: the answer says who is to be told, and the atendimento asks for "dados corrigidos".
    const number: string = json('batch', 'create').body.number;
    expect(run('batch', 'seal', number).code).toBe(0);
    expect(run('batch', 'export', number, '--out', desk.dir).code).toBe(0);
    expect(run('batch', 'mark-sent', number).code).toBe(0);
    const answer = join(desk.dir, 'resposta.csv');
    writeFileSync(answer, `id;situação;mensagem\r\n${shown.corrections[0].uuid};aplicada;\r\n`);
    const acknowledged = run('batch', 'ack', answer);
    expect(acknowledged.code, acknowledged.stderr).toBe(0);
    expect(acknowledged.stdout).toContain('1 atendimento to tell the professional about: contact list --to-notify.');
    expect(run('contact', 'show', protocol).stdout).toContain('A avisar: Dados corrigidos na plataforma');
  });

  it('exits 1 for a protocol that does not exist, and saves nothing', () => {
    const before = json('corrections', 'list').body.total;
    const refused = run('correct', registration, '--field', 'phone', '--value', '(11) 98888-7777', '--reason', 'Telefone novo', '--contact', 'AT-2020-999999');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Atendimento AT-2020-999999 não encontrado');
    // A bare number names this year's protocol, as for every contact command.
    const byNumber = run('correct', registration, '--field', 'phone', '--value', '(11) 98888-7777', '--reason', 'Telefone novo', '--contact', '999');
    expect(byNumber.code).toBe(1);
    expect(byNumber.stderr).toMatch(/Nenhum atendimento AT-\d{4}-000999: o número 999 é o do protocolo deste ano/);
    expect(json('corrections', 'list').body.total).toBe(before);
  });
});
