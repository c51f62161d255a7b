// Before a restore, the Backups screen says what it undoes of the lotes: a lote that left the desk
// after the backup, or an answer of Implanta that came after it to a lote the backup holds as sent
// (that lote left before the backup: saying it "left after" would be wrong).
import { describe, expect, it } from 'vitest';
import { BACKUPS_TEXT } from '../../../renderer/screens/backups.text';

const when = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');
const warning = BACKUPS_TEXT.restoreUndoesLotes;

describe('the warning before a restore that undoes lotes', () => {
  it('says a lote sent after the backup left the desk after it', () => {
    expect(warning([{ number: '2026-0002', sentAt: '2026-12-03T12:00:00Z', stateNow: null }], when)).toBe(
      'O lote 2026-0002 (enviado em 03/12/2026) saiu desta mesa depois deste backup: restaurá-lo desfaz esse lote aqui, e a Implanta pode já ter aplicado suas correções.',
    );
  });

  it('says an answer that came after the backup is undone, for a lote the backup holds as sent', () => {
    expect(warning([{ number: '2026-0001', sentAt: '2026-12-01T12:00:00Z', stateNow: 'sent' }], when)).toBe(
      'A resposta da Implanta ao lote 2026-0001 (enviado em 01/12/2026) chegou depois deste backup: restaurá-lo desfaz essa resposta aqui, e será preciso importar a confirmação outra vez.',
    );
  });

  it('names both kinds in one warning', () => {
    const both = warning(
      [
        { number: '2026-0001', sentAt: '2026-12-01T12:00:00Z', stateNow: 'sent' },
        { number: '2026-0002', sentAt: null, stateNow: 'sealed' },
        { number: '2026-0003', sentAt: '2026-12-02T12:00:00Z', stateNow: 'sent' },
      ],
      when,
    );
    expect(both).toContain('O lote 2026-0002 (exportado) saiu desta mesa depois deste backup');
    expect(both).toContain('As respostas da Implanta aos lotes 2026-0001 (enviado em 01/12/2026), 2026-0003 (enviado em 02/12/2026) chegaram depois deste backup: restaurá-lo desfaz essas respostas aqui');
  });
});
