import { describe, expect, it } from 'vitest';
import { DIP_CONSEQUENCES, DIP_STATUSES, type DipConsequence, type DipStatus } from '../../shared/domain';
import { DIP_CONSEQUENCE_LABELS, DIP_CONSEQUENCE_MESSAGES, DIP_WARNING_MESSAGES, dipConsequence, dipWarning } from '../../shared/rules/dip';

// Seed case G: identification data may be corrected on the DIP request only until it goes to manufacture.
const WHEN_IDENTIFICATION_CHANGES: Record<DipStatus, DipConsequence> = {
  none: 'none',
  requested: 'none',
  awaiting_documents: 'none',
  confirmed: 'correct_dip_request',
  in_manufacture: 'new_card_required',
  issued: 'new_card_required',
  delivered: 'new_card_required',
};

describe('what an identification change means for the DIP', () => {
  for (const status of DIP_STATUSES) {
    it(`${status}: identification change → ${WHEN_IDENTIFICATION_CHANGES[status]}`, () => {
      expect(dipConsequence(status, true)).toBe(WHEN_IDENTIFICATION_CHANGES[status]);
    });

    it(`${status}: a change of other data never touches the DIP`, () => {
      expect(dipConsequence(status, false)).toBe('none');
    });
  }
});

describe('what the clerk is told', () => {
  it('says nothing when the DIP is not affected', () => {
    expect(DIP_CONSEQUENCE_MESSAGES.none).toBeNull();
  });

  it('warns that Implanta must also correct a confirmed DIP request', () => {
    expect(DIP_CONSEQUENCE_MESSAGES.correct_dip_request).toContain('já foi confirmada');
    expect(DIP_CONSEQUENCE_MESSAGES.correct_dip_request).toContain('Implanta também precisará corrigir a solicitação do DIP');
  });

  it('warns that a card sent to manufacture cannot be corrected and a new DIP is needed', () => {
    expect(DIP_CONSEQUENCE_MESSAGES.new_card_required).toContain('enviado para confecção');
    expect(DIP_CONSEQUENCE_MESSAGES.new_card_required).toContain('novo DIP');
  });

  it('has a Portuguese label for every consequence, all distinct', () => {
    const labels = DIP_CONSEQUENCES.map((c) => DIP_CONSEQUENCE_LABELS[c]);
    expect(labels).toEqual(['Nenhuma', 'Corrigir solicitação do DIP', 'Novo DIP necessário']);
    expect(new Set(labels).size).toBe(DIP_CONSEQUENCES.length);
  });
});

describe('a DIP only requested (seed case G)', () => {
  it('warns the clerk to tell the professional not to confirm the DIP request until the correction is synced', () => {
    expect(dipWarning('requested', true)).toBe('wait_for_sync');
    expect(DIP_WARNING_MESSAGES.wait_for_sync).toMatch(/não confirmar a solicitação do DIP até a correção ser sincronizada/);
  });

  it('gives no such warning for other data, nor for a DIP in any other state', () => {
    expect(dipWarning('requested', false)).toBeNull();
    for (const status of DIP_STATUSES.filter((s) => s !== 'requested' && s !== 'awaiting_documents')) expect(dipWarning(status, true)).toBeNull();
  });

  it('gives the same warning while the request waits for its documents and payment, not yet confirmed', () => {
    expect(dipWarning('awaiting_documents', true)).toBe('wait_for_sync');
  });
});

describe('the words for everyone', () => {
  it('speaks of "da/o profissional", never "desta profissional"', () => {
    const messages = [...Object.values(DIP_CONSEQUENCE_MESSAGES), ...Object.values(DIP_WARNING_MESSAGES)].filter((m): m is string => m !== null);
    for (const message of messages) {
      expect(message).not.toMatch(/desta profissional|da profissional\b/);
      expect(message).toMatch(/a\/o profissional/i);
    }
  });
});
