// Implanta refused a value; the rejection is still to fix; then the same value is sent again — the
// council's spreadsheet imported once more, or the clerk typing what the record screen showed as
// refused. It goes (the reason may be settled with Implanta by now), but never without the clerk
// being told, with Implanta's message: on the review of the form, on the save's answer, and on the
// import's row as a warning that changes neither the counts nor "all or nothing".
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Professional } from '../../shared/domain';
import { importInput, jobContext, runImport } from '../fixtures/imports/jobs';
import { answerOne, correct, mariaSouzaForEachTest, sendBatch, type BatchDesk } from './batchFixtures';

const HELD = 'maria@exemplo.com.br';
const REFUSED = 'maria.souza@gmail.com';
const WHY = 'E-mail já usado por outra profissional.';

let desk: BatchDesk;
let maria: Professional;
mariaSouzaForEachTest(HELD, (fresh, added) => {
  desk = fresh;
  maria = added;
});

/** Maria's e-mail correction to REFUSED, sent in lote 2026-0001 and refused by Implanta. */
async function refusedByImplanta(): Promise<string> {
  const uuid = correct(desk, maria, { email: REFUSED }).corrections[0]!.uuid;
  await answerOne(desk, await sendBatch(desk), uuid, { rejected: WHY });
  return uuid;
}

const preview = (email: string) => desk.handlers['corrections:preview']({ professionalId: maria.id, changes: { email } }) as { refusedBefore: { field: string; message: string }[] };
const expected = `A Implanta já recusou este mesmo valor de “E-mail” no lote 2026-0001: “${WHY}” A correção vai de novo para a Implanta: confira antes se o motivo da recusa foi resolvido.`;

function importFile(lines: string[], options: { dryRun?: boolean; allOrNothing?: boolean } = {}) {
  const path = desk.dir.file('correcoes.csv');
  writeFileSync(path, lines.join('\r\n'));
  return runImport(importInput(path, { kind: 'corrections', force: true, ...options }), jobContext(desk.store.path, { now: desk.now().toISOString() }));
}

describe('a value Implanta refused, sent again', () => {
  it('the form’s review and the save say so with Implanta’s message; another value says nothing', async () => {
    await refusedByImplanta();
    expect(preview(REFUSED).refusedBefore).toEqual([{ field: 'email', message: expected }]);
    expect(preview('outro.endereco@gmail.com').refusedBefore).toEqual([]);

    const saved = correct(desk, maria, { email: REFUSED }) as unknown as { refusedBefore: { message: string }[] };
    expect(saved.refusedBefore.map((r) => r.message)).toEqual([expected]);
    // Saved, and it answers the rejection as any new correction of the field does.
    const toFix = desk.handlers['corrections:list']({ status: 'rejected', unresolved: true, page: 0, pageSize: 25 }) as { items: unknown[] };
    expect(toFix.items).toEqual([]);
    // Answered now: the value of the rejection, typed again later, is no longer one nobody dealt with.
    correct(desk, maria, { email: 'outro.endereco@gmail.com' });
    expect(preview(REFUSED).refusedBefore).toEqual([]);
  });

  it('a rejection the clerk dismissed is dealt with: the value typed again says nothing', async () => {
    const refused = await refusedByImplanta();
    desk.handlers['corrections:dismissRejection']({ uuid: refused, reason: 'Falei com a Implanta' });
    expect(preview(REFUSED).refusedBefore).toEqual([]);
  });

  it('the spreadsheet imported again: the row goes in with a warning on its E-mail column, in the check and in the import', async () => {
    await refusedByImplanta();
    const lines = ['CPF;E-mail', `${maria.cpf};${REFUSED}`];
    const check = importFile(lines, { dryRun: true });
    expect(check.accepted).toBe(1);
    expect(check.warned).toBe(1);
    expect(check.errors).toEqual([expect.objectContaining({ row: 2, column: 'E-mail', code: 'VALUE_REFUSED_BEFORE', message: expected })]);

    const written = importFile(lines, { allOrNothing: true });
    expect(written.accepted).toBe(1);
    expect(written.errors.map((e) => e.code)).toEqual(['VALUE_REFUSED_BEFORE']);
    const record = desk.handlers['registry:get']({ id: maria.id }) as { professional: Professional };
    expect(record.professional.email).toBe(REFUSED);
  });
});
