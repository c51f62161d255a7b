// The audit trail's one-line summaries of what the desk found another program did: when opening
// the store, and before a write while it kept the store open.
import { describe, expect, it } from 'vitest';

describe('the audit summaries of what the desk found another program did', () => {
  it('are Portuguese sentences', async () => {
    const { auditSummary } = await import('../../db/auditEntries');
    expect(auditSummary('store.guards_restored', { missing: ['a'], altered: ['b'], foreign: [] })).toBe('Proteções do banco restauradas ao abrir o banco: 2 gatilhos ausentes ou alterados');
    expect(auditSummary('store.guards_restored', { missing: [], altered: [], foreign: ['c'], found: 'write' })).toBe('Proteções do banco restauradas antes de uma gravação: 1 gatilho ausente ou alterado');
    expect(auditSummary('store.outside_changes', { professionals: 1, corrections: 2 })).toBe('Alterações feitas fora do CRESS Desk encontradas ao abrir o banco: 1 cadastro e 2 correções');
    expect(auditSummary('store.outside_changes', { professionals: 1, corrections: 0, found: 'write' })).toBe('Alterações feitas fora do CRESS Desk encontradas antes de uma gravação: 1 cadastro');
    expect(auditSummary('audit.key_started', { reason: 'upgrade' })).toBe('Histórico passou a ser assinado pela chave deste computador');
  });
});
