// The words clerks use for marital status, DIP status, yes/no, UF, phone and nationality, read into the stored codes.
import { describe, expect, it } from 'vitest';
import { DIP_STATUSES, MARITAL_STATUSES, UFS } from '../../shared/domain';
import {
  DIP_LABELS,
  MARITAL_LABELS,
  formatPhone,
  parseDipStatus,
  parseFlag,
  parseMaritalStatus,
  parseNationality,
  parsePhone,
  parseUf,
} from '../../shared/rules/vocabulary';
import { readsAs } from './cases';
import { expectRefusal } from './refusal';

describe('marital status', () => {
  readsAs(parseMaritalStatus, 'reads "%s" as %s', [
    ['Solteiro', 'single'],
    ['solteira', 'single'],
    ['Casado(a)', 'married'],
    ['Casada', 'married'],
    ['casado (a)', 'married'],
    ['Divorciado(a)', 'divorced'],
    ['Separada judicialmente', 'separated'],
    ['Separado(a) judicialmente', 'separated'],
    ['Viúva', 'widowed'],
    ['viuvo', 'widowed'],
    ['VIÚVO(A)', 'widowed'],
    ['União Estável', 'stable_union'],
    ['uniao estavel', 'stable_union'],
    ['  União   estável ', 'stable_union'],
  ]);

  it('accepts the codes themselves', () => {
    for (const code of MARITAL_STATUSES) expect(parseMaritalStatus(code)).toEqual({ ok: true, value: code });
  });

  it('reads back every label it shows', () => {
    for (const code of MARITAL_STATUSES) expect(parseMaritalStatus(MARITAL_LABELS[code])).toEqual({ ok: true, value: code });
  });

  it('refuses unknown words, listing the choices in Portuguese', () => {
    expectRefusal(parseMaritalStatus('Noivo'), 'VALUE_INVALID', 'Solteiro(a), Casado(a), Divorciado(a), Separado(a), Viúvo(a), União estável');
  });
});

describe('DIP status', () => {
  readsAs(parseDipStatus, 'reads "%s" as %s', [
    ['Não solicitado', 'none'],
    ['nao solicitado', 'none'],
    ['Solicitado', 'requested'],
    ['Confirmado', 'confirmed'],
    ['Em confecção', 'in_manufacture'],
    ['Enviado para confecção', 'in_manufacture'],
    ['ENVIADO PARA CONFECCAO', 'in_manufacture'],
    ['Emitido', 'issued'],
    ['Aguardando documentos/pagamento', 'awaiting_documents'],
    ['aguardando pagamento', 'awaiting_documents'],
    ['ENTREGUE', 'delivered'],
  ]);

  it('names the paper-side and delivery states in the clerk\'s words', () => {
    expect(DIP_LABELS.awaiting_documents).toBe('Aguardando documentos/pagamento');
    expect(DIP_LABELS.delivered).toBe('Entregue');
  });

  it('accepts the codes and reads back every label it shows', () => {
    for (const code of DIP_STATUSES) {
      expect(parseDipStatus(code)).toEqual({ ok: true, value: code });
      expect(parseDipStatus(DIP_LABELS[code])).toEqual({ ok: true, value: code });
    }
  });

  it('refuses unknown words in Portuguese', () => {
    expectRefusal(parseDipStatus('Extraviado'), 'VALUE_INVALID', 'Situação do DIP inválida');
  });
});

describe('yes/no flags as clerks write them', () => {
  it.each(['S', 's', 'Sim', 'SIM', 'X', 'x', '1', 'Verdadeiro', ' sim '])('reads "%s" as yes', (input) => {
    expect(parseFlag(input)).toEqual({ ok: true, value: true });
  });

  it.each(['N', 'n', 'Não', 'NÃO', 'nao', '0', 'Falso', 'falso'])('reads "%s" as no', (input) => {
    expect(parseFlag(input)).toEqual({ ok: true, value: false });
  });

  it('passes booleans through', () => {
    expect(parseFlag(true)).toEqual({ ok: true, value: true });
    expect(parseFlag(false)).toEqual({ ok: true, value: false });
  });

  it.each(['talvez', '2', '', 'Simm'])('refuses "%s", asking for Sim or Não', (input) => {
    expectRefusal(parseFlag(input), 'VALUE_INVALID', 'use Sim ou Não');
  });
});

describe('UF', () => {
  it('accepts every UF, whatever the case and spaces', () => {
    for (const uf of UFS) {
      expect(parseUf(uf.toLowerCase())).toEqual({ ok: true, value: uf });
      expect(parseUf(` ${uf[0]}${uf[1]?.toLowerCase()} `)).toEqual({ ok: true, value: uf });
    }
  });

  it.each(['XX', 'São Paulo', 'S', 'SPP', ''])('refuses "%s"', (input) => {
    expectRefusal(parseUf(input), 'VALUE_INVALID', 'UF inválida');
  });
});

describe('phone', () => {
  readsAs(parsePhone, 'reads %s as %s', [
    ['(11) 91234-5678', '11912345678'],
    ['11 91234 5678', '11912345678'],
    ['(61) 3333-4444', '6133334444'],
    ['+55 (11) 91234-5678', '11912345678'],
    ['55 61 3333-4444', '6133334444'],
  ]);

  it('keeps a mobile number from area code 55 (interior of RS) whole', () => {
    expect(parsePhone('(55) 99123-4567')).toEqual({ ok: true, value: '55991234567' });
    expect(parsePhone('(55) 3221-4567')).toEqual({ ok: true, value: '5532214567' });
  });

  it.each(['91234-5678', '123', '(11) 91234-56789', '+1 212 555 0100 22'])('refuses %s: not DDD plus number', (input) => {
    expectRefusal(parsePhone(input), 'VALUE_INVALID', 'Telefone inválido');
  });

  it('refuses letters instead of silently dropping them', () => {
    expect(parsePhone('(11) 91234-567O')).toMatchObject({ ok: false, code: 'VALUE_INVALID' });
    expect(parsePhone('11 9123a-45678')).toMatchObject({ ok: false, code: 'VALUE_INVALID' });
  });

  it('formats mobile and landline numbers', () => {
    expect(formatPhone('11912345678')).toBe('(11) 91234-5678');
    expect(formatPhone('6133334444')).toBe('(61) 3333-4444');
    expect(formatPhone('123')).toBe('123');
  });
});

describe('phone numbers that cannot exist', () => {
  it.each(['(20) 3333-4444', '(10) 91234-5678', '(23) 3333-4444', '(90) 99999-0000'])('refuses %s: the DDD does not exist', (input) => {
    expectRefusal(parsePhone(input), 'PHONE_INVALID', `o DDD ${input.slice(1, 3)} não existe`);
  });

  it('refuses 11 digits that do not start with 9 after the DDD', () => {
    expectRefusal(parsePhone('(11) 81234-5678'), 'PHONE_INVALID', 'começa com 9');
    // The number said once, in its own parentheses only.
    const refused = parsePhone('(19) 51820-8258');
    expect(refused.ok ? '' : refused.message).toBe('Telefone inválido: (19) 51820-8258 tem 11 dígitos, mas um celular começa com 9 depois do DDD.');
  });
});

describe('marital status on old documents', () => {
  it.each(['desquitado', 'Desquitada', 'DESQUITADO(A)', 'desquitado(a)'])('reads “%s” as separado(a)', (input) => {
    expect(parseMaritalStatus(input)).toEqual({ ok: true, value: 'separated' });
  });
});

describe('nationality', () => {
  readsAs(parseNationality, 'reads “%s” as %s', [
    ['Brasileira', 'Brasileira'],
    ['brasileiro', 'Brasileira'],
    ['BRASILEIRA NATA', 'Brasileira'],
    ['Brasileira naturalizada', 'Brasileira naturalizada'],
    ['naturalizado', 'Brasileira naturalizada'],
    ['Estrangeira (Portugal)', 'Estrangeira (Portugal)'],
    ['estrangeiro - Argentina', 'Estrangeira (Argentina)'],
    ['Estrangeira: itália', 'Estrangeira (Itália)'],
  ]);

  it('asks for the country of a foreigner', () => {
    expectRefusal(parseNationality('Estrangeira'), 'VALUE_INVALID', 'informe também o país');
  });

  it('refuses anything outside the list, naming the list', () => {
    expectRefusal(parseNationality('Marciana'), 'VALUE_INVALID', 'Brasileira, Brasileira naturalizada ou Estrangeira (país)');
  });
});
