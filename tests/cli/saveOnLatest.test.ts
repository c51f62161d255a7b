// `correct` reads the record, then its save may wait its turn behind a lote answer or an import
// writing the same record. Another field changed meanwhile does not make the command wrong: it is
// saved on the record as it is now. The very field it corrects changed meanwhile: refused, naming
// that field, in words for a terminal — not the form's "recarregue o cadastro".
import { afterEach, describe, expect, it } from 'vitest';
import { saveOnLatest } from '../../electron/cli/saveOnLatest';
import type { CliContext } from '../../electron/cli/types';
import type { Professional } from '../../shared/contract/registry';
import { correct, openBatchDesk, type BatchDesk } from '../db/batchFixtures';
import { addProfessional, EVIDENCE, REASON } from '../db/fixtures';

let desk: BatchDesk;
afterEach(() => desk.cleanup());

/** A command's context whose first save is overtaken by `meanwhile` (someone else's write), as a wait for the lock would be. */
function racedContext(meanwhile: () => void): CliContext {
  let raced = false;
  const call = (async (channel: string, input: unknown) => {
    if (channel === 'corrections:save' && !raced) {
      raced = true;
      meanwhile();
    }
    return (desk.handlers as unknown as Record<string, (input: unknown) => unknown>)[channel]?.(input);
  }) as CliContext['call'];
  return { call } as CliContext;
}

function saveEmail(context: CliContext, seen: Professional, email: string) {
  return saveOnLatest(context, seen, ['email'], (rowVersion) =>
    context.call('corrections:save', { professionalId: seen.id, expectedRowVersion: rowVersion, changes: { email }, reason: REASON, evidence: EVIDENCE, dipAcknowledged: false }),
  );
}

describe('a correction from the command line overtaken while it waited to write', () => {
  it('by a change of another field: saved on the record as it is now, the other change kept', async () => {
    desk = openBatchDesk();
    const seen = addProfessional(desk.store, { email: 'antes@exemplo.com.br', phone: '11987654321' });
    const context = racedContext(() => correct(desk, seen, { phone: '11912345678' }));
    await saveEmail(context, seen, 'depois@exemplo.com.br');
    const now = desk.store.db.prepare('SELECT email, phone FROM professionals WHERE id = ?').get(seen.id);
    expect(now).toEqual({ email: 'depois@exemplo.com.br', phone: '11912345678' });
  });

  it('by a change of the field it corrects: refused naming it, and the other change stays', async () => {
    desk = openBatchDesk();
    const seen = addProfessional(desk.store, { email: 'antes@exemplo.com.br' });
    const context = racedContext(() => correct(desk, seen, { email: 'outra@exemplo.com.br' }));
    await expect(saveEmail(context, seen, 'depois@exemplo.com.br')).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
      message: expect.stringMatching(/mudou enquanto o comando esperava a vez de gravar: “E-mail” foi alterado.*Nada foi gravado/),
    });
    expect(desk.store.db.prepare('SELECT email FROM professionals WHERE id = ?').pluck().get(seen.id)).toBe('outra@exemplo.com.br');
  });
});
