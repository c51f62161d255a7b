// The line the correction's review shows for its document: how it reached the council, in words
// a clerk would write, for each way evidence can arrive.
import { describe, expect, it } from 'vitest';
import { CORRECTION_TEXT } from '../../../renderer/screens/correction.text';
import { EVIDENCE_ARRIVALS } from '../../../shared/domain';

const line = CORRECTION_TEXT.dialog.evidenceLine;

describe('the evidence line of a correction under review', () => {
  it('says the document was received by e-mail, or told over the phone, on its date', () => {
    expect(line('Certidão de casamento', 'email', '09/03/2026')).toBe('Certidão de casamento — recebido por e-mail em 09/03/2026');
    expect(line('Ligação da profissional', 'phone', '09/03/2026')).toBe('Ligação da profissional — informado por telefone em 09/03/2026');
  });

  it('still says a document was shown in person or came by post', () => {
    expect(line('RG', 'in_person', '09/03/2026')).toBe('RG — apresentado pessoalmente, recebido em 09/03/2026');
    expect(line('RG', 'post', '09/03/2026')).toBe('RG — chegou pelos Correios, recebido em 09/03/2026');
  });

  it('has words for every way evidence can arrive', () => {
    for (const arrival of EVIDENCE_ARRIVALS) expect(line('RG', arrival, '09/03/2026')).not.toMatch(/undefined/);
  });
});
