// What the clerk reads where the tester found it confusing: an import with nothing to write says
// why (errors, not "no change"), a lote package is "not a backup" and no command is named, Implanta's
// answer counts name what they count, a cancelled correction asks nothing of the DIP, e-mails wrap
// between their parts, CPFs in the import's examples are masked, and the DIP advice names who acts.
import { describe, expect, it } from 'vitest';
import { emailParts } from '../../../renderer/components/ChangeText';
import { isCpfColumn, maskCpfCell } from '../../../renderer/lib/cpfCells';
import { BACKUPS_TEXT } from '../../../renderer/screens/backups.text';
import { BATCHES_TEXT } from '../../../renderer/screens/batches.text';
import { CORRECTIONS_TEXT } from '../../../renderer/screens/corrections.text';
import { IMPORT_TEXT } from '../../../renderer/screens/import.text';
import { DIP_CONSEQUENCE_MESSAGES } from '../../../shared/rules/dip';

describe('an import preview with nothing to write', () => {
  const said = IMPORT_TEXT.preview.nothingToWrite;

  it('says every row has an error, and what to do, when every row was rejected', () => {
    expect(said(3, 0)).toBe('Todas as linhas têm erro: baixe o relatório de erros, corrija a planilha e importe de novo.');
    expect(said(1, 0)).toMatch(/^A única linha da planilha tem erro: baixe o relatório de erros/);
    expect(said(3, 0)).not.toMatch(/muda o que já está gravado/);
  });

  it('says both counts when some rows have errors and the rest change nothing', () => {
    expect(said(2, 5)).toBe('Não há o que gravar: 2 linhas têm erro e 5 linhas não mudam o que já está gravado. Baixe o relatório de erros, corrija a planilha e importe de novo.');
  });

  it('keeps "no change" for rows that only repeat what is recorded', () => {
    expect(said(0, 4)).toBe('Nenhuma linha muda o que já está gravado: não há o que gravar.');
  });
});

describe('"Verificar um arquivo…" given something that is no backup', () => {
  const title = BACKUPS_TEXT.verifyInvalidTitle;

  it('is titled "Este arquivo não é um backup", not a backup that failed', () => {
    expect(title('CRESS09-lote-2026-0001.zip', ['LOTE_PACKAGE'])).toBe('Este arquivo não é um backup');
    expect(title('fotos.zip', ['NOT_A_BACKUP'])).toBe('Este arquivo não é um backup');
  });

  it('a damaged backup keeps its own title', () => {
    expect(title('CRESS09-backup.zip', ['ZIP_TRUNCATED'])).toBe('O backup CRESS09-backup.zip não passou na verificação');
    expect(title('CRESS09-backup.zip', ['NOT_A_BACKUP', 'ZIP_CORRUPT'])).toBe('O backup CRESS09-backup.zip não passou na verificação');
    expect(title('CRESS09-backup.zip', [])).toBe('O backup CRESS09-backup.zip não passou na verificação');
  });
});

describe("the counts of Implanta's answer", () => {
  const t = BATCHES_TEXT.ackDialog;
  const corrections = { corrections: 3015, cepChanges: 0 };

  it('name corrections as corrections', () => {
    expect(t.counts(3011, 4, 0, 0, corrections)).toBe('3.011 correções aplicadas · 4 correções rejeitadas · 0 correções ainda sem resposta');
    expect(t.counts(1, 1, 1, 1, corrections)).toBe('1 correção aplicada · 1 correção rejeitada · 1 correção já respondida · 1 correção ainda sem resposta');
    expect(t.preview(2, 1, 0, 0, corrections)).toEqual([
      '2 correções passam a aplicadas.',
      '1 correção passa a rejeitada: o cadastro volta ao valor que a Implanta tem, e a rejeição fica para você tratar.',
    ]);
  });

  it('name CEP changes as such, and both together as "itens"', () => {
    expect(t.counts(2, 0, 0, 1, { corrections: 0, cepChanges: 3 })).toBe('2 alterações de CEP aplicadas · 0 alterações de CEP rejeitadas · 1 alteração de CEP ainda sem resposta');
    expect(t.counts(2, 1, 0, 0, { corrections: 2, cepChanges: 1 })).toBe('2 itens aplicados · 1 item rejeitado · 0 itens ainda sem resposta');
    expect(t.preview(0, 0, 2, 1, { corrections: 2, cepChanges: 1 })).toEqual(['2 itens já estavam respondidos e não mudam.', '1 item continua sem resposta.']);
    expect(t.itemsCover).toMatch(/correções e as alterações de CEP/);
  });

  it('say why the lote page may count a DIP request among the rejected', () => {
    expect(t.dipRequestsFollow).toMatch(/solicitação do DIP a corrigir .* aparece também como rejeitada/);
  });
});

describe('the queue', () => {
  it('shows nothing in the DIP column of a cancelled correction', () => {
    expect(CORRECTIONS_TEXT.dip('cancelled', 'correct_dip_request')).toBe('—');
    expect(CORRECTIONS_TEXT.dip('pending', 'correct_dip_request')).toBe('Corrigir solicitação do DIP');
    expect(CORRECTIONS_TEXT.dip('rejected', 'new_card_required')).toBe('Novo DIP necessário');
    expect(CORRECTIONS_TEXT.dip('pending', 'none')).toBe('—');
  });

  it('wraps an e-mail only between its parts, a short ending kept with the part before it', () => {
    expect(emailParts('endereco.bem.comprido.da.profissional@prefeitura.exemplo.sp.gov.br')).toEqual([
      'endereco',
      '.bem',
      '.comprido.da',
      '.profissional@',
      'prefeitura',
      '.exemplo.sp',
      '.gov.br',
    ]);
    expect(emailParts('ana@exemplo.com')).toEqual(['ana@', 'exemplo', '.com']);
    expect(emailParts('Rua das Flores, 12')).toBeNull();
  });
});

describe("the import's column examples", () => {
  it('mask the CPFs of a CPF column, whatever their punctuation or lost leading zeros', () => {
    expect(isCpfColumn('CPF', null)).toBe(true);
    expect(isCpfColumn('Documento', 'cpf')).toBe(true);
    expect(isCpfColumn('nr_cpf_profissional', null)).toBe(true);
    expect(isCpfColumn('E-mail', 'email')).toBe(false);
    expect(maskCpfCell('97794610869')).toBe('***.946.108-**');
    expect(maskCpfCell('977.946.108-69')).toBe('***.946.108-**');
    expect(maskCpfCell('1234567890')).toBe('***.345.678-**');
    expect(maskCpfCell('123')).toBe('***.***.***-**');
    expect(maskCpfCell('não consta')).toBe('não consta');
  });
});

describe('a passphrase dialog', () => {
  it('says the minimum before any attempt', () => {
    expect(BACKUPS_TEXT.passphraseMin(12)).toBe('Pelo menos 12 caracteres.');
    expect(BACKUPS_TEXT.encrypt).toBe('Proteger com senha');
    expect(BATCHES_TEXT.exportDialog.protect).toBe('Proteger com senha');
  });
});

describe('the DIP advice for a card already made', () => {
  it('asks the clerk to tell the professional to request a new DIP', () => {
    expect(DIP_CONSEQUENCE_MESSAGES.new_card_required).toMatch(/Oriente a\/o profissional a solicitar um novo DIP\.$/);
    expect(IMPORT_TEXT.preview.dipNewCard(1)).toMatch(/Oriente a\/o profissional a solicitar um novo DIP\.$/);
    expect(IMPORT_TEXT.preview.dipNewCard(3)).toMatch(/Oriente cada profissional a solicitar um novo DIP\.$/);
  });
});
