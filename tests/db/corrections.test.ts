import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MOTHER_MESSAGES } from '../../shared/rules/mother';
import { DIP_CONSEQUENCE_MESSAGES } from '../../shared/rules/dip';
import { AppError } from '../../shared/errors';
import { addProfessional, EVIDENCE, openTestDesk, REASON, validCpf, type TestDesk } from './fixtures';

let desk: TestDesk;
beforeEach(() => {
  desk = openTestDesk();
});
afterEach(() => desk.cleanup());

/** Saves through the dispatcher; `evidence` may hold what the contract refuses (an unknown way of arrival). */
function save(
  professionalId: number,
  changes: Record<string, string | boolean | null>,
  extra: { expectedRowVersion?: number; dipAcknowledged?: boolean; reason?: string; evidence?: { kind: string; arrival: string } } = {},
) {
  return desk.dispatch('corrections:save', {
    professionalId,
    expectedRowVersion: extra.expectedRowVersion ?? 1,
    changes,
    reason: extra.reason ?? REASON,
    evidence: { ...EVIDENCE, ...extra.evidence } as typeof EVIDENCE,
    dipAcknowledged: extra.dipAcknowledged ?? false,
  });
}

function auditCount(): number {
  return (desk.store.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
}

describe('saving a correction', () => {
  it('updates the record, queues one pending correction per field and writes one audit entry', async () => {
    const p = addProfessional(desk.store);
    const before = auditCount();
    const result = await save(p.id, { email: ' Maria.Nova@Exemplo.com.br ', phone: '(11) 98888-7777' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.rowVersion).toBe(2);
    expect(result.value.corrections.map((c) => [c.field, c.oldValue, c.newValue, c.status, c.operator])).toEqual([
      ['email', p.email, 'maria.nova@exemplo.com.br', 'pending', 'Ana Paula'],
      ['phone', '11912345678', '11988887777', 'pending', 'Ana Paula'],
    ]);

    const view = desk.handlers['registry:get']({ id: p.id });
    if (view instanceof Promise) throw new Error('sync handler expected');
    expect(view.professional.email).toBe('maria.nova@exemplo.com.br');
    expect(view.professional.rowVersion).toBe(2);
    expect(view.corrections).toHaveLength(2);
    expect(view.corrections[0]).toMatchObject({ reason: REASON, evidenceKind: 'RG', evidenceArrival: 'in_person', evidenceDate: '2025-03-10', source: 'manual' });
    expect(view.statusCounts).toEqual({ pending: 2, batched: 0, sent: 0, synced: 0, rejected: 0, cancelled: 0 });
    expect(auditCount()).toBe(before + 1);
    expect(view.audit).toHaveLength(1);
    expect(view.audit[0]).toMatchObject({ operator: 'Ana Paula', action: 'correction.save', summary: 'Correção: E-mail, Telefone' });
  });

  it('keeps the name search in step with a corrected name', async () => {
    const p = addProfessional(desk.store, { name: 'Joana Pereira' });
    expect((await save(p.id, { name: 'Joana Conceição Pereira' })).ok).toBe(true);
    const hits = desk.handlers['registry:search']({ text: 'conceicao', page: 0, pageSize: 25 });
    expect(hits).toMatchObject({ total: 1, items: [{ id: p.id, name: 'Joana Conceição Pereira' }] });
  });

  it('writes nothing when a step of the save fails', async () => {
    const p = addProfessional(desk.store);
    const before = auditCount();
    desk.store.db.exec("CREATE TEMP TRIGGER fail_correction BEFORE INSERT ON corrections BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = await save(p.id, { email: 'outro@exemplo.com.br' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', details: { message: 'disk full' } } });
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    desk.store.db.exec('DROP TRIGGER fail_correction');

    const view = desk.handlers['registry:get']({ id: p.id }) as { professional: { email: string; rowVersion: number }; corrections: unknown[] };
    expect(view.professional).toMatchObject({ email: p.email, rowVersion: 1 });
    expect(view.corrections).toHaveLength(0);
    expect(auditCount()).toBe(before);
  });

  it('refuses a save made on a stale copy of the record', async () => {
    const p = addProfessional(desk.store);
    expect((await save(p.id, { email: 'primeira@exemplo.com.br' })).ok).toBe(true);
    const stale = await save(p.id, { phone: '11933334444' }, { expectedRowVersion: 1 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'VERSION_CONFLICT' } });
    if (!stale.ok) expect(stale.error.message).toContain('Recarregue o cadastro');
    const fresh = await save(p.id, { phone: '11933334444' }, { expectedRowVersion: 2 });
    expect(fresh).toMatchObject({ ok: true, value: { rowVersion: 3 } });
  });

  it('refuses an invalid value with the rule message and the field', async () => {
    const p = addProfessional(desk.store);
    const result = await save(p.id, { email: 'maria@', cep: '1234' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'EMAIL_INVALID', field: 'email' });
    expect(result.error.details).toHaveLength(2);
  });

  it('refuses a save that changes nothing, or without a reason', async () => {
    const p = addProfessional(desk.store);
    expect(await save(p.id, { email: (p.email as string).toUpperCase() })).toMatchObject({ ok: false, error: { code: 'NO_CHANGE' } });
    expect(await save(p.id, { email: 'nova@exemplo.com.br' }, { reason: 'ok' })).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED' } });
    expect(desk.handlers['corrections:counts']({})).toMatchObject({ pending: 0 });
  });

  it('refuses a CPF that belongs to someone else', async () => {
    const other = addProfessional(desk.store, { cpf: validCpf(98_765_432) });
    const p = addProfessional(desk.store);
    const result = await save(p.id, { cpf: '098.765.432-' + validCpf(98_765_432).slice(9) });
    expect(result).toMatchObject({ ok: false, error: { code: 'CPF_DUPLICATE', field: 'cpf' } });
    if (!result.ok) expect(result.error.message).toContain(other.registrationNumber);
  });

  it('refuses a correction of an unknown professional', async () => {
    expect(await save(424242, { email: 'a@b.com.br' })).toMatchObject({ ok: false, error: { code: 'PROFESSIONAL_NOT_FOUND' } });
  });
});

describe('the mother rule', () => {
  it('refuses the name and the flag together', async () => {
    const p = addProfessional(desk.store);
    const result = await save(p.id, { motherName: 'Rosa Maria Souza', motherNotListed: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'MOTHER_CONFLICT', message: MOTHER_MESSAGES.conflict } });
  });

  it('saves an unrelated change on a record with neither, and refuses a mother change that leaves it missing (seed case F)', async () => {
    const p = addProfessional(desk.store, { motherName: null, motherNotListed: false });
    expect(await save(p.id, { email: 'nova@exemplo.com.br' })).toMatchObject({ ok: true });
    const refused = await save(p.id, { motherName: '' }, { expectedRowVersion: 2 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'MOTHER_MISSING', field: 'motherName' } });
  });

  it('setting "Não consta mãe" clears the name: one correction of the mother fact', async () => {
    const p = addProfessional(desk.store);
    const result = await save(p.id, { motherNotListed: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.corrections.map((c) => [c.field, JSON.parse(c.oldValue ?? 'null'), JSON.parse(c.newValue ?? 'null')])).toEqual([
      ['mother', { motherName: 'Antônia da Silva', motherNotListed: false }, { motherName: null, motherNotListed: true }],
    ]);
    const found = desk.handlers['registry:find']({ key: p.cpf }) as { motherName: string | null; motherNotListed: boolean };
    expect(found).toMatchObject({ motherName: null, motherNotListed: true });
  });
});

describe('the DIP consequence (seed case G)', () => {
  it('records that Implanta must also correct a confirmed DIP request', async () => {
    const p = addProfessional(desk.store, { dipStatus: 'confirmed' });
    const preview = desk.handlers['corrections:preview']({ professionalId: p.id, changes: { maritalStatus: 'Casada' } });
    expect(preview).toMatchObject({ dipConsequence: 'correct_dip_request', dipMessage: DIP_CONSEQUENCE_MESSAGES.correct_dip_request });
    const result = await save(p.id, { maritalStatus: 'Casada' }, { dipAcknowledged: true });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.corrections[0]).toMatchObject({ field: 'maritalStatus', newValue: 'married', dipConsequence: 'correct_dip_request' });
  });

  it('asks for acknowledgement when the card is already in manufacture, then saves', async () => {
    const p = addProfessional(desk.store, { dipStatus: 'in_manufacture' });
    const refused = await save(p.id, { name: 'Maria José da Silva Santos' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'DIP_CONFIRMATION_REQUIRED', message: DIP_CONSEQUENCE_MESSAGES.new_card_required },
    });
    expect(desk.handlers['corrections:counts']({})).toMatchObject({ pending: 0 });
    const saved = await save(p.id, { name: 'Maria José da Silva Santos' }, { dipAcknowledged: true });
    expect(saved.ok).toBe(true);
    if (saved.ok) expect(saved.value.corrections[0]?.dipConsequence).toBe('new_card_required');
  });

  it('counts a CPF correction on a confirmed DIP request as one Implanta must also correct on the request', async () => {
    const p = addProfessional(desk.store, { dipStatus: 'confirmed' });
    expect(await save(p.id, { cpf: validCpf(424242) })).toMatchObject({ ok: false, error: { code: 'DIP_CONFIRMATION_REQUIRED' } });
    const saved = await save(p.id, { cpf: validCpf(424242) }, { dipAcknowledged: true });
    expect(saved.ok).toBe(true);
    if (saved.ok) expect(saved.value.corrections[0]).toMatchObject({ field: 'cpf', dipConsequence: 'correct_dip_request' });
  });

  it('tells the clerk, and records, that a professional with a DIP only requested must not confirm it before the sync', async () => {
    const p = addProfessional(desk.store, { dipStatus: 'requested' });
    const saved = await save(p.id, { name: 'Maria José da Silva Santos' });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.value.dipWarningMessage).toMatch(/oriente a\/o profissional a não confirmar a solicitação do DIP/);
    const audit = desk.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'correction.save' ORDER BY id DESC LIMIT 1").get() as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({ dipWarning: 'wait_for_sync' });
  });

  it('has no consequence for contact data', async () => {
    const p = addProfessional(desk.store, { dipStatus: 'in_manufacture' });
    const result = await save(p.id, { email: 'nova@exemplo.com.br' });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.corrections[0]?.dipConsequence).toBe('none');
  });
});

describe('the evidence a correction carries', () => {
  function saveWith(professionalId: number, changes: Record<string, string>, evidence: { kind: string; date: string }) {
    return desk.dispatch('corrections:save', {
      professionalId,
      expectedRowVersion: 1,
      changes,
      reason: REASON,
      evidence: { ...EVIDENCE, ...evidence },
      dipAcknowledged: true,
    });
  }

  it('refuses a name correction whose document is a placeholder such as "Não informado", writing nothing', async () => {
    const p = addProfessional(desk.store, { name: 'Joana Pereira' });
    const refused = await saveWith(p.id, { name: 'Joana Conceição Pereira' }, { kind: 'Não informado', date: EVIDENCE.date });
    expect(refused).toMatchObject({ ok: false, error: { code: 'EVIDENCE_REQUIRED', field: 'evidence' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/dados de identificação \(Nome\) exige o documento comprobatório/);
    expect(desk.handlers['corrections:counts']({})).toMatchObject({ pending: 0 });
  });

  it('takes an e-mail correction without a named document', async () => {
    const p = addProfessional(desk.store);
    expect((await saveWith(p.id, { email: 'NOVA@EXEMPLO.COM.BR' }, { kind: 'Não informado', date: EVIDENCE.date })).ok).toBe(true);
    expect(desk.handlers['corrections:counts']({})).toMatchObject({ pending: 1 });
  });

  it('refuses a document received tomorrow, whoever calls the store', async () => {
    const p = addProfessional(desk.store);
    desk.setNow('2025-03-10T13:00:00.000Z');
    const refused = await saveWith(p.id, { email: 'nova@exemplo.com.br' }, { kind: 'RG', date: '2025-03-11' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'DATE_INVALID', field: 'evidenceDate', message: 'A data de recebimento não pode estar no futuro.' } });
    expect((await saveWith(p.id, { email: 'nova@exemplo.com.br' }, { kind: 'RG', date: '2025-03-10' })).ok).toBe(true);
  });
});

describe('how the evidence reached the council', () => {
  const saveArriving = (professionalId: number, arrival: string) =>
    save(professionalId, { email: 'nova.caixa@exemplo.com.br' }, { evidence: { kind: 'Mensagem da profissional', arrival } });

  it('takes a document received by e-mail, or told over the phone, and the record shows how it arrived', async () => {
    const ana = addProfessional(desk.store);
    const bia = addProfessional(desk.store);
    expect((await saveArriving(ana.id, 'email')).ok).toBe(true);
    expect((await saveArriving(bia.id, 'phone')).ok).toBe(true);
    for (const [who, arrival] of [
      [ana, 'email'],
      [bia, 'phone'],
    ] as const) {
      const view = desk.handlers['registry:get']({ id: who.id }) as { corrections: { evidenceArrival: string | null }[] };
      expect(view.corrections[0]!.evidenceArrival).toBe(arrival);
    }
  });

  it('refuses a name change whose document came by e-mail or phone, as the council changes identification data only against a document seen in person or by post', async () => {
    const p = addProfessional(desk.store);
    for (const arrival of ['email', 'phone']) {
      const refused = await save(p.id, { name: 'Maria Aparecida Souza' }, { evidence: { kind: 'Certidão de casamento', arrival }, dipAcknowledged: true });
      expect(refused).toMatchObject({ ok: false, error: { code: 'EVIDENCE_REQUIRED', field: 'evidence' } });
      if (!refused.ok) expect(refused.error.message).toContain('pessoalmente ou enviado pelos Correios');
    }
    expect(desk.handlers['corrections:counts']({})).toMatchObject({ pending: 0 });
  });

  it('refuses a way of arrival the desk does not know, naming the ones it takes, and writes nothing', async () => {
    const p = addProfessional(desk.store);
    const refused = await saveArriving(p.id, 'fax');
    expect(refused).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/evidence\.arrival: .*"in_person".*"post".*"email".*"phone"/);
    expect(desk.handlers['corrections:counts']({})).toMatchObject({ pending: 0 });
  });

  it('is refused by the store itself when something writes an unknown way of arrival', () => {
    const p = addProfessional(desk.store);
    const insert = (arrival: string) =>
      desk.store.db
        .prepare(
          `INSERT INTO corrections (uuid, professional_id, field, old_value, new_value, reason, evidence_kind, evidence_arrival, operator, created_at)
           VALUES (lower(hex(randomblob(16))), ?, 'email', NULL, 'x@exemplo.com.br', 'Motivo', 'RG', ?, 'Ana Paula', '2025-03-10T13:00:00.000Z')`,
        )
        .run(p.id, arrival);
    expect(() => insert('fax')).toThrow(/CHECK constraint failed: corrections_evidence_arrival/);
    expect(() => insert('phone')).not.toThrow();
  });
});

describe('the queue', () => {
  it('lists newest first with who it is about, filters and counts', async () => {
    const ana = addProfessional(desk.store, { name: 'Ana Lima' });
    const bia = addProfessional(desk.store, { name: 'Beatriz Costa' });
    desk.setNow('2025-03-10T12:00:00.000Z');
    await save(ana.id, { email: 'ana@exemplo.com.br' });
    desk.setNow('2025-03-12T09:30:00.000Z');
    desk.handlers['operators:add']({ name: 'Carla Souza' });
    desk.handlers['session:start']({ name: 'Carla Souza', pin: '2468' });
    await save(bia.id, { email: 'bia@exemplo.com.br', phone: '11977776666' });

    const all = desk.handlers['corrections:list']({ page: 0, pageSize: 25 }) as { total: number; items: { professionalName: string; field: string; cpfMasked: string; registrationNumber: string }[] };
    expect(all.total).toBe(3);
    expect(all.items.map((i) => i.professionalName)).toEqual(['Beatriz Costa', 'Beatriz Costa', 'Ana Lima']);
    expect(all.items[2]).toMatchObject({ cpfMasked: `***.${ana.cpf.slice(3, 6)}.${ana.cpf.slice(6, 9)}-**`, registrationNumber: ana.registrationNumber });

    const list = (filter: Record<string, unknown>) => desk.handlers['corrections:list']({ page: 0, pageSize: 25, ...filter }) as { total: number };
    expect(list({ field: 'phone' }).total).toBe(1);
    expect(list({ operator: 'Ana Paula' }).total).toBe(1);
    expect(list({ from: '2025-03-11' }).total).toBe(2);
    expect(list({ to: '2025-03-10' }).total).toBe(1);
    expect(list({ from: '2025-03-10', to: '2025-03-10' }).total).toBe(1);
    expect(list({ status: 'synced' }).total).toBe(0);
    expect((desk.handlers['corrections:list']({ page: 1, pageSize: 2 }) as { items: unknown[] }).items).toHaveLength(1);

    expect(desk.handlers['corrections:counts']({})).toEqual({ pending: 3, batched: 0, sent: 0, synced: 0, rejected: 0, cancelled: 0 });
    expect(desk.handlers['corrections:operators']({})).toEqual(['Ana Paula', 'Carla Souza']);
  });
});

it('throws AppError objects the transports can pass on', () => {
  const p = addProfessional(desk.store);
  expect(() =>
    desk.handlers['corrections:save']({ professionalId: p.id, expectedRowVersion: 7, changes: { email: 'x@y.com.br' }, reason: REASON, evidence: EVIDENCE, dipAcknowledged: false }),
  ).toThrow(AppError);
});
