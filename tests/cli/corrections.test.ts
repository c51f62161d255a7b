// `cress-desk corrections cancel|dismiss` and `registry show` with what waits for the clerk: the
// built command on a real store file.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDesk, initDesk } from './command';
import { openRawStore } from '../rawStore';

const desk = cliDesk('cress-cli-corrections-', (d) => initDesk(d, { professionals: 120, seed: 3 }));
const { run, json } = desk;

function someone(where: string): { registration_number: string; email: string | null } {
  const db = openRawStore(desk.store, { readonly: true });
  try {
    return db.prepare(`SELECT registration_number, email FROM professionals WHERE ${where} ORDER BY id LIMIT 1`).get() as { registration_number: string; email: string | null };
  } finally {
    db.close();
  }
}

describe('cress-desk corrections cancel', () => {
  it('cancels a pending correction, gives the old value back and refuses a second time with exit 1', () => {
    const who = someone("dip_status IN ('none', 'requested') AND email IS NOT NULL");
    const saved = json('correct', who.registration_number, '--field', 'email', '--value', 'engano@exemplo.com.br', '--reason', 'Pedido no balcão', '--evidence', 'RG');
    const uuid = saved.body.corrections[0].uuid as string;

    expect(run('corrections', 'cancel', uuid).code).toBe(2); // --reason is required
    const cancelled = run('corrections', 'cancel', uuid, '--reason', 'Digitado no cadastro errado');
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toMatch(/cancelled/);
    expect(json('registry', 'show', who.registration_number).body.email).toBe(who.email);

    const again = run('corrections', 'cancel', uuid, '--reason', 'Digitado no cadastro errado');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/já foi cancelada/);
  });

  it('refuses a correction already in a sealed lote, naming the lote', () => {
    const who = someone("dip_status IN ('none', 'requested') AND email IS NOT NULL AND id > 10");
    const saved = json('correct', who.registration_number, '--field', 'email', '--value', 'lote@exemplo.com.br', '--reason', 'Pedido no balcão', '--evidence', 'RG');
    expect(run('batch', 'create').code).toBe(0);
    expect(run('batch', 'seal', '2026-0001').code).toBe(0);
    const refused = run('corrections', 'cancel', saved.body.corrections[0].uuid, '--reason', 'Tarde demais');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/lote 2026-0001, já lacrado/);
  });
});

describe('cress-desk corrections list (text)', () => {
  it('names each correction by the id `corrections cancel` and `dismiss` take, as `correct` does when it saves one', () => {
    const who = someone("dip_status IN ('none', 'requested') AND email IS NOT NULL AND id > 30");
    const saved = run('correct', who.registration_number, '--field', 'email', '--value', 'lista@exemplo.com.br', '--reason', 'Pedido no balcão');
    expect(saved.code).toBe(0);
    const uuid = (json('corrections', 'list', '--status', 'pending').body.items as { uuid: string; registrationNumber: string }[]).find(
      (c) => c.registrationNumber === who.registration_number,
    )?.uuid as string;
    expect(saved.stdout).toContain(uuid);

    const listed = run('corrections', 'list', '--status', 'pending');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/\bId\b/);
    expect(listed.stdout).toContain(uuid);
    expect(run('corrections', 'cancel', uuid, '--reason', 'Digitado no cadastro errado').code).toBe(0);
  });
});

describe('cress-desk correct --arrival', () => {
  it('saves a correction whose document arrived by e-mail, and the lote carries it to Implanta in a package that passes verify', () => {
    const who = someone("dip_status IN ('none', 'requested') AND email IS NOT NULL AND id > 20");
    const saved = json('correct', who.registration_number, '--field', 'email', '--value', 'por.email@exemplo.com.br', '--reason', 'Pedido da profissional', '--evidence', 'Mensagem da profissional', '--arrival', 'email');
    expect(saved.code).toBe(0);
    const correction = saved.body.corrections[0] as { uuid: string; evidenceArrival: string };
    expect(correction.evidenceArrival).toBe('email');

    const created = json('batch', 'create');
    expect(created.code).toBe(0);
    const number = created.body.number as string;
    expect(run('batch', 'seal', number).code).toBe(0);
    const out = join(desk.dir, 'pacotes');
    mkdirSync(out);
    const exported = json('batch', 'export', number, '--out', out);
    expect(exported.code).toBe(0);
    expect(json('batch', 'verify', exported.body.file).body).toMatchObject({ valid: true, problems: [], schemaVersion: 4 });
    const lines = execFileSync('unzip', ['-p', exported.body.file, `CRESS09-DEMONSTRACAO-lote-${number}/data/corrections.jsonl`])
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id: string; evidence: { arrival: string } });
    expect(lines.find((line) => line.id === correction.uuid)?.evidence).toMatchObject({ kind: 'Mensagem da profissional', arrival: 'email' });
  });

  it('takes a fact told over the phone', () => {
    const who = someone("dip_status IN ('none', 'requested') AND phone IS NOT NULL AND id > 30");
    const saved = json('correct', who.registration_number, '--field', 'phone', '--value', '(11) 97777-6666', '--reason', 'Informado pela profissional', '--arrival', 'phone');
    expect(saved.code).toBe(0);
    expect(saved.body.corrections[0]).toMatchObject({ field: 'phone', evidenceArrival: 'phone' });
  });

  it('refuses a name told over the phone before looking anything up, naming --arrival (exit 1)', () => {
    const who = someone("dip_status IN ('none', 'requested') AND id > 50");
    const refused = run('correct', who.registration_number, '--field', 'name', '--value', 'Maria Aparecida Souza', '--reason', 'Informado pela profissional', '--evidence', 'Certidão de casamento', '--arrival', 'phone');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--arrival: Dados de identificação \(Nome\) só são corrigidos com o documento apresentado pessoalmente ou enviado pelos Correios/);
  });

  it('refuses a way of arrival it does not know, listing the four it takes (exit 2)', () => {
    const who = someone("email IS NOT NULL AND id > 40");
    const refused = run('correct', who.registration_number, '--field', 'email', '--value', 'fax@exemplo.com.br', '--reason', 'Pedido da profissional', '--arrival', 'fax');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--arrival.*fax.*in_person, post, email, phone/);
  });
});

describe('cress-desk registry show', () => {
  it('lists the pendências of a record missing the mother, in text and JSON', () => {
    const who = someone('mother_name IS NULL AND mother_not_listed = 0');
    const shown = json('registry', 'show', who.registration_number);
    expect(shown.body.pendencies).toEqual([expect.objectContaining({ code: 'MOTHER_MISSING', field: 'motherName' })]);
    expect(run('registry', 'show', who.registration_number).stdout).toMatch(/Pendência: Informe o nome da mãe/);
  });
});

function isoDaysFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
}

function pendingCount(): number {
  const db = openRawStore(desk.store, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM corrections WHERE status = 'pending'").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('cress-desk correct', () => {
  it('refuses a name correction without --evidence (exit 1, naming the option) and saves nothing', () => {
    const who = someone("dip_status = 'none'");
    const before = pendingCount();
    const refused = run('correct', who.registration_number, '--set', 'name=Maria Aparecida Nova', '--reason', 'Certidão de casamento');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--evidence/);
    expect(refused.stderr).toMatch(/dados de identificação \(Nome\)/);
    const placeholder = run('correct', who.registration_number, '--field', 'name', '--value', 'Maria Aparecida Nova', '--reason', 'Certidão', '--evidence', 'Não informado');
    expect(placeholder.code).toBe(1);
    expect(pendingCount()).toBe(before);
  });

  it('refuses an evidence date in the future with a clear message', () => {
    const who = someone("dip_status = 'none' AND email IS NOT NULL");
    const refused = run('correct', who.registration_number, '--set', 'email=futuro@exemplo.com.br', '--reason', 'Pedido no balcão', '--evidence-date', isoDaysFromToday(1));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--evidence-date: A data de recebimento não pode estar no futuro/);
  });

  it('moves an address to another UF as one correction: CEP, UF and city saved together', () => {
    const who = someone("uf = 'SP' AND cep LIKE '0%' AND dip_status = 'none'");
    // One field at a time the first step would be refused: a Rio CEP does not belong to SP.
    const alone = run('correct', who.registration_number, '--set', 'cep=20040-020', '--reason', 'Mudou para o Rio');
    expect(alone.code).toBe(1);
    expect(alone.stderr).toMatch(/não pertence à UF SP/);
    const moved = json('correct', who.registration_number, '--set', 'cep=20040-020', '--set', 'uf=RJ', '--set', 'city=Rio de Janeiro', '--reason', 'Mudou para o Rio', '--evidence', 'Comprovante de residência');
    expect(moved.code).toBe(0);
    expect(moved.body.corrections.map((c: { field: string }) => c.field).sort()).toEqual(['cep', 'city', 'uf']);
    expect(new Set(moved.body.corrections.map((c: { createdAt: string }) => c.createdAt)).size).toBe(1);
    expect(json('registry', 'show', who.registration_number).body).toMatchObject({ cep: '20040020', uf: 'RJ', city: 'Rio de Janeiro' });
  });

  it('stores an e-mail typed in capitals in lower case and a phone as its digits', () => {
    const who = someone("dip_status = 'none' AND id > 20");
    const saved = json('correct', who.registration_number, '--set', 'email=NOVO.ENDERECO@EXEMPLO.COM.BR', '--set', 'phone=(21) 98888-7777', '--reason', 'Pedido no balcão');
    expect(saved.code).toBe(0);
    expect(json('registry', 'show', who.registration_number).body).toMatchObject({ email: 'novo.endereco@exemplo.com.br', phone: '21988887777' });
  });

  it('tells the clerk that a professional with a DIP only requested must not confirm it before the sync', () => {
    const who = someone("dip_status = 'requested'");
    const saved = run('correct', who.registration_number, '--set', 'name=Maria Aparecida Requerida', '--reason', 'Certidão de casamento', '--evidence', 'Certidão de casamento');
    expect(saved.code).toBe(0);
    expect(saved.stdout).toMatch(/DIP: .*oriente a\/o profissional a não confirmar a solicitação do DIP até a correção ser sincronizada/);
  });

  it('treats a --set without "=" as wrong usage (exit 2)', () => {
    const who = someone("dip_status = 'none'");
    expect(run('correct', who.registration_number, '--set', 'email', '--reason', 'Pedido no balcão').code).toBe(2);
    expect(run('correct', who.registration_number, '--reason', 'Pedido no balcão').code).toBe(2);
  });
});
