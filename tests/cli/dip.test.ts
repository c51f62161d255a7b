// `cress-desk dip` as the council's IT runs it: the three paper items of a professional's DIP, an
// arrival recorded and undone, "Documentos completos" once all came, the --json shape, and exit 1
// with the reason for an unknown professional, a day after today or before 2000, an item the DIP
// does not have, or a DIP that does not wait for paper (not requested, in confecção, issued).
import { beforeAll, describe, expect, it } from 'vitest';
import { cliDesk, initDesk } from './command';

const desk = cliDesk('cress-dip-');
const { run, json } = desk;
let requested: { registrationNumber: string; cpf: string };
let other: string;
let notRequested: { registrationNumber: string; name: string };
let issued: { registrationNumber: string; name: string };

beforeAll(() => {
  initDesk(desk, { operator: 'Ana Paula', professionals: 60, seed: 5 });
  const items = json('registry', 'search', 'a').body.items as { registrationNumber: string; dipStatus: string }[];
  const waiting = items.filter((p) => p.dipStatus === 'requested');
  expect(waiting.length).toBeGreaterThan(1);
  requested = { registrationNumber: waiting[0]!.registrationNumber, cpf: json('registry', 'show', waiting[0]!.registrationNumber).body.cpf };
  other = waiting[1]!.registrationNumber;
  const withStatus = (status: string) => {
    const found = (items as { registrationNumber: string; name: string; dipStatus: string }[]).find((p) => p.dipStatus === status);
    expect(found, status).toBeDefined();
    return found!;
  };
  notRequested = withStatus('none');
  issued = withStatus('issued');
}, 60_000);

describe('dip items and dip arrive', () => {
  it('lists the three items as missing, records each by CPF or registration, and ends with "Documentos completos"', () => {
    const before = run('dip', 'items', requested.registrationNumber);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toMatch(/Formulário assinado\s+não chegou/);
    expect(before.stdout).toContain('Faltam: Formulário assinado, Foto 3×4, Comprovante de pagamento');

    const form = run('dip', 'arrive', requested.cpf, '--item', 'form', '--date', '02/12/2025', '--way', 'post');
    expect(form.code, form.stderr).toBe(0);
    expect(form.stdout).toMatch(/Formulário assinado\s+chegou em 02\/12\/2025, Correios \(registrado por Ana Paula\)/);
    expect(form.stdout).toContain('Faltam: Foto 3×4, Comprovante de pagamento');

    expect(run('dip', 'arrive', requested.registrationNumber, '--item', 'photo', '--date', '03/12/2025', '--way', 'in_person').code).toBe(0);
    const last = json('dip', 'arrive', requested.registrationNumber, '--item', 'payment_receipt', '--date', '2025-12-04', '--way', 'in_person');
    expect(last.code, last.stderr).toBe(0);
    expect(last.body).toMatchObject({ dipStatus: 'requested', missing: [], complete: true });
    expect(last.body.items).toEqual([
      { item: 'form', arrival: expect.objectContaining({ arrivedOn: '2025-12-02', way: 'post', operator: 'Ana Paula' }) },
      { item: 'photo', arrival: expect.objectContaining({ arrivedOn: '2025-12-03', way: 'in_person' }) },
      { item: 'payment_receipt', arrival: expect.objectContaining({ arrivedOn: '2025-12-04', way: 'in_person' }) },
    ]);
    expect(run('dip', 'items', requested.cpf).stdout).toMatch(/Documentos completos$/m);
  });

  it('undoes an arrival: the item is missing again', () => {
    expect(run('dip', 'arrive', other, '--item', 'photo', '--date', '01/12/2025', '--way', 'post').code).toBe(0);
    const undone = json('dip', 'undo', other, '--item', 'photo');
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.body.missing).toEqual(['form', 'photo', 'payment_receipt']);
  });

  it('exits 1 with the reason for an unknown professional, a day after today, an impossible day, and an unknown item or way', () => {
    const refusals: [who: string, item: string, date: string, way: string, reason: string][] = [
      ['99999999', 'form', '01/12/2025', 'post', 'Nenhum cadastro com CPF ou registro 99999999.'],
      [other, 'form', '01/01/2099', 'post', 'A data de chegada não pode ser depois de hoje.'],
      [other, 'form', '31/02/2025', 'post', 'não existe no calendário'],
      [other, 'form', '01/01/1900', 'post', 'A data de chegada não pode ser antes de 01/01/2000: confira o ano.'],
      [other, 'boleto', '01/12/2025', 'post', '--item inválido: use form, photo, payment_receipt.'],
      [other, 'form', '01/12/2025', 'email', '--way inválido: use post, in_person.'],
    ];
    for (const [who, item, date, way, reason] of refusals) {
      const refused = run('dip', 'arrive', who, '--item', item, '--date', date, '--way', way);
      expect(refused.code, reason).toBe(1);
      expect(refused.stderr).toContain(reason);
    }
    expect(json('dip', 'items', other).body.missing).toEqual(['form', 'photo', 'payment_receipt']);
  });

  it('a refused day names --date and the day given, as the other options are named', () => {
    for (const date of ['01/01/2099', '31/02/2025', '01/01/1900']) {
      const refused = run('dip', 'arrive', other, '--item', 'form', '--date', date, '--way', 'post');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`--date ${date}:`);
    }
  });

  it('exits 1 for a DIP not requested and for one already issued, naming the record and the status, and records nothing', () => {
    const cases: [who: { registrationNumber: string; name: string }, reason: string][] = [
      [notRequested, 'o DIP está “Não solicitado” — não há solicitação de DIP à espera de documentos. A chegada não foi registrada.'],
      [issued, 'o DIP está “Emitido” — a solicitação não espera mais documentos. A chegada não foi registrada.'],
    ];
    for (const [who, reason] of cases) {
      const refused = run('dip', 'arrive', who.registrationNumber, '--item', 'form', '--date', '01/12/2025', '--way', 'post');
      expect(refused.code, reason).toBe(1);
      expect(refused.stderr).toContain(`${who.name} (registro ${who.registrationNumber}): ${reason}`);
      expect(json('dip', 'items', who.registrationNumber).body.items.every((i: { arrival: unknown }) => i.arrival === null)).toBe(true);
    }
  });

  it('says in words that the documents do not apply to an issued DIP, never "Faltam"', () => {
    const shown = run('dip', 'items', issued.registrationNumber);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('DIP: Emitido');
    expect(shown.stdout).not.toContain('Faltam');
    expect(shown.stdout).toMatch(/Documentos do DIP não se aplicam: o DIP está “Emitido” e não espera documentos\.$/m);
  });
});
