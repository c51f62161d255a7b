// The audit export for the data-protection officer names whose record each entry concerns: an
// atendimento's entries carry the registration number and masked CPF of its professional, as a
// correction's do.
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { exportAudit } from '../../db/auditExport';
import type { Contact } from '../../shared/contract';
import { maskCpf } from '../../shared/rules/cpf';
import { addProfessional, openTestDesk, type TestDesk } from './fixtures';

let desk: TestDesk;
beforeEach(() => {
  desk = openTestDesk();
});
afterEach(() => desk.cleanup());

function exportedRows(): Record<string, string | number>[] {
  const path = desk.file('auditoria.xlsx');
  exportAudit(desk.store.db, { from: '2000-01-01', to: '2099-12-31', path });
  return XLSX.utils.sheet_to_json<Record<string, string | number>>(XLSX.read(readFileSync(path)).Sheets.Auditoria as XLSX.WorkSheet);
}

describe('the audit export', () => {
  it("fills Registro and CPF on an atendimento's entries from its professional, and leaves them empty for one not located", async () => {
    const maria = addProfessional(desk.store);
    const located = (await desk.handlers['contacts:add']({ professionalId: maria.id, cpf: null, name: null, channel: 'email', case: 'D', summary: 'Não recebe o e-mail da senha.', notes: null, attachments: [] })) as Contact;
    await desk.handlers['contacts:answer']({ id: located.id, text: 'Implanta reenviou o e-mail de senha.' });
    const told = (await desk.handlers['contacts:add']({ professionalId: null, cpf: '52998224725', name: 'Joana Prado', channel: 'phone', case: 'B', summary: 'Não consegue entrar.', notes: null, attachments: [] })) as Contact;

    const rows = exportedRows();
    const of = (protocol: string) => rows.filter((r) => String(r['Ação'] ?? '').startsWith('contact.') && String(r.Resumo ?? '').includes(protocol));
    expect(of(located.protocol).length).toBeGreaterThanOrEqual(2);
    for (const row of of(located.protocol)) expect(row).toMatchObject({ Registro: maria.registrationNumber, CPF: maskCpf(maria.cpf) });
    expect(of(told.protocol).length).toBeGreaterThanOrEqual(1);
    for (const row of of(told.protocol)) expect(row).toMatchObject({ Registro: '', CPF: '' });
  });

  it('refuses a name that does not end in .xlsx, writing nothing: a workbook is never hidden behind ".csv"', () => {
    const path = desk.file('auditoria.csv');
    expect(() => exportAudit(desk.store.db, { from: '2000-01-01', to: '2099-12-31', path })).toThrow(/deve terminar em \.xlsx \(auditoria\.csv\)/);
    expect(existsSync(path)).toBe(false);
  });
});
