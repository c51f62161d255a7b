// The main system's file opened in Excel and saved again: a registration number such as 00123 in a
// number cell comes back as 123. The row then names no known record and brings the CPF of 00123, so
// it is refused (nothing of 00123 changes) — and the message says why, naming both numbers and what
// to do, instead of only that the CPF belongs to another record.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRegistry, openBatchDesk, type BatchDesk } from '../batchFixtures';
import { validCpf } from '../fixtures';

const HEADER = 'Registro;CPF;Nome;Nome da mãe;E-mail';
let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
  loadRegistry(desk, [HEADER, `00123;${validCpf(123)};Maria Souza;Rita Souza;maria@exemplo.com.br`, `4567;${validCpf(4567)};Lia Prado;Ana Prado;lia@exemplo.com.br`]);
});
afterEach(() => desk.cleanup());

const rows = () => desk.store.db.prepare('SELECT registration_number, email FROM professionals ORDER BY id').all();

describe('a registry file whose registration numbers lost their leading zeros', () => {
  it('refuses the row naming both numbers and the cause, and changes nothing of the record', () => {
    const before = rows();
    const result = loadRegistry(desk, [HEADER, `123;${validCpf(123)};Maria Souza;Rita Souza;maria.nova@exemplo.com.br`]);
    expect(result.rejected).toBe(1);
    expect(result.errors[0]?.message).toMatch(/registro 123 da planilha é o 00123 sem os zeros à esquerda/);
    expect(result.errors[0]?.message).toMatch(/como texto/);
    expect(rows()).toEqual(before);
  });

  it('a CPF of another record with an unrelated number keeps the message it had', () => {
    const result = loadRegistry(desk, [HEADER, `999;${validCpf(4567)};Lia Prado;Ana Prado;lia@exemplo.com.br`]);
    expect(result.errors[0]?.message).toBe('Este CPF já pertence a outro cadastro (registro 4567). Confira o documento.');
  });

  it('never adds a record beside the one whose number lost its zeros, whatever CPF the row brings', () => {
    const before = rows();
    for (const cpf of ['', validCpf(777)]) {
      const result = loadRegistry(desk, [HEADER, `123;${cpf};Maria Souza;Rita Souza;maria@exemplo.com.br`]);
      expect(result).toMatchObject({ rejected: 1, inserted: 0 });
      expect(result.errors[0]).toMatchObject({ column: 'Registro', code: 'VALUE_INVALID', message: expect.stringMatching(/^Nenhum cadastro com o registro 123, e nenhum foi incluído\. O registro 123 da planilha é o 00123 sem os zeros à esquerda/) });
    }
    expect(rows()).toEqual(before);
  });

  it('the other way round — the desk holds 4567, the file brings 04567 with its CPF — says the desk lost the zeros', () => {
    const before = rows();
    const result = loadRegistry(desk, [HEADER, `04567;${validCpf(4567)};Lia Prado;Ana Prado;lia.nova@exemplo.com.br`]);
    expect(result.rejected).toBe(1);
    expect(result.errors[0]?.message).toMatch(/O cadastro 4567 desta mesa parece ser o 04567 da planilha sem os zeros à esquerda/);
    expect(result.errors[0]?.message).not.toMatch(/Confira o documento/);
    expect(rows()).toEqual(before);
  });
});
