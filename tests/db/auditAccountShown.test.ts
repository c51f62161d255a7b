// The computer's account each audit entry records is shown beside the operator: in the record's
// audit table (the window's Histórico tab) and in the audit export for the data-protection officer.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { exportAudit } from '../../db/auditExport';
import { addProfessional, EVIDENCE, openTestDesk, REASON, type TestDesk } from './fixtures';

let desk: TestDesk;
beforeEach(() => {
  desk = openTestDesk();
});
afterEach(() => desk.cleanup());

describe("the computer's account of each audit entry", () => {
  it("is in the record's audit entries and in the officer's spreadsheet, beside the operator", async () => {
    const p = addProfessional(desk.store);
    const saved = await desk.dispatch('corrections:save', { professionalId: p.id, expectedRowVersion: 1, changes: { email: 'nova@exemplo.com.br' }, reason: REASON, evidence: EVIDENCE, dipAcknowledged: false });
    expect(saved.ok).toBe(true);
    const account = userInfo().username;

    const view = desk.handlers['registry:get']({ id: p.id });
    if (view instanceof Promise) throw new Error('sync handler expected');
    expect(view.audit[0]).toMatchObject({ operator: 'Ana Paula', account, action: 'correction.save' });

    const path = desk.file('auditoria.xlsx');
    expect(exportAudit(desk.store.db, { from: '2000-01-01', to: '2099-12-31', path }).entries).toBeGreaterThan(0);
    const sheet = XLSX.read(readFileSync(path)).Sheets.Auditoria as XLSX.WorkSheet;
    const [header] = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1 });
    expect(header?.slice(0, 5)).toEqual(['Nº', 'Data e hora', 'Operador', 'Conta do computador', 'Ação']);
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(sheet);
    expect(rows.find((r) => r['Ação'] === 'correction.save')).toMatchObject({ Operador: 'Ana Paula', 'Conta do computador': account });
  });
});
