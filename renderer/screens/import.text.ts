// Words of the Importar screen: the steps, the preview, the summary and the history.
import type { ImportKind } from '../../shared/contract/imports';
import { formatCount } from '../../shared/display/numbers';
import { plural } from '../../shared/display/plural';

export const IMPORT_TEXT = {
  title: 'Importar planilha',
  subtitle:
    'Correções de muitos cadastros de uma vez, a carga do cadastro do sistema do Regional ou CEPs do diretório, a partir de planilhas .xlsx, .ods, .xls ou .csv. Nada é gravado antes da conferência.',
  steps: ['Arquivo', 'Aba e tipo', 'Colunas', 'Conferência', 'Resumo'],
  stepsLabel: 'Etapas da importação',

  file: {
    title: 'Escolha a planilha',
    help: 'Aceita planilhas do Excel (.xlsx, .xlsm, .xls), do LibreOffice (.ods) e arquivos .csv (separados por ponto e vírgula, vírgula ou tabulação). A primeira linha preenchida de cada aba é o cabeçalho.',
    choose: 'Escolher planilha',
    pickTitle: 'Escolher a planilha a importar',
    filterName: 'Planilhas',
    reading: 'Lendo a planilha…',
    tips: [
      'Uma linha por profissional, encontrada/o pelo CPF ou pelo número de registro.',
      'Célula vazia não muda nada; para “Não consta mãe” use Sim ou Não.',
      'Datas como dd/mm/aaaa; CPF e CEP podem vir sem pontos ou sem os zeros à esquerda.',
    ],
  },

  sheet: {
    title: 'Aba e tipo de importação',
    file: (name: string, size: string, format: string) => `${name} · ${size} · ${format}`,
    sheetLabel: 'Aba da planilha',
    hidden: '(oculta)',
    emptySheet: 'vazia',
    headerOnlySheet: 'só o cabeçalho',
    /** A sheet (or a CSV) with a header and no row under it: said at once, not after mapping and checking. */
    headerOnly: (csvFile: string | null, sheet: string) =>
      `${csvFile !== null ? `O arquivo “${csvFile}”` : `A aba “${sheet}”`} só tem o cabeçalho: não há linhas para importar. Confira se escolheu o arquivo${csvFile !== null ? '' : ' e a aba'} certo${csvFile !== null ? '' : 's'}.`,
    headerAt: (row: number) => `Cabeçalho na linha ${row}:`,
    kindLabel: 'O que esta planilha traz',
    kinds: {
      corrections: {
        label: 'Correções de cadastros',
        help: 'Altera profissionais que já estão no cadastro. Cada alteração entra na fila de correções para a Implanta.',
      },
      registry: {
        label: 'Cadastro (carga do sistema do Regional)',
        help: 'Inclui ou atualiza cadastros inteiros, situação do DIP inclusive, encontrados pelo registro. Cadastros com dados incorretos entram com pendências; correções da mesa ainda a caminho da Implanta são mantidas. Não gera correções para a Implanta.',
      },
      cep: {
        label: 'Diretório de CEPs',
        help: 'Cadastra ou corrige CEPs do diretório do Regional; cada alteração vai para a Implanta.',
      },
    } satisfies Record<ImportKind, { label: string; help: string }>,
    repeated: (date: string, id: number) =>
      `Esta mesma planilha já foi importada como este tipo em ${date} (importação nº ${id}). Se continuar, você precisará confirmar a repetição.`,
    back: 'Escolher outro arquivo',
    next: 'Continuar',
  },

  mapping: {
    title: 'Colunas',
    help: 'Confira a que campo cada coluna corresponde. Colunas que não interessam podem ser ignoradas.',
    remembered: 'Associação lembrada da última planilha com estas mesmas colunas.',
    column: 'Coluna da planilha',
    target: 'Campo do CRESS Desk',
    ignore: 'Ignorar esta coluna',
    noHeader: (index: number) => `(coluna ${index + 1} sem título)`,
    samples: (values: readonly string[]) => (values.length === 0 ? 'Vazia nas primeiras linhas' : `Ex.: ${values.join(' · ')}`),
    duplicate: 'Outra coluna já usa este campo.',
    missingKey: (kind: ImportKind) =>
      kind === 'cep'
        ? 'Associe uma coluna ao CEP.'
        : kind === 'registry'
          ? 'Associe uma coluna ao Registro: é por ele que cada cadastro do sistema do Regional é encontrado.'
          : 'Associe uma coluna ao CPF ou ao Registro: é por eles que cada profissional é encontrada/o.',
    reasonLabel: 'Motivo para linhas sem “Motivo”',
    /** The reason as a message about its length names it. */
    reasonName: 'Motivo',
    reasonHelp: 'Fica registrado em cada correção cuja linha não traz o motivo.',
    defaultReason: (file: string) => `Importação da planilha ${file}`,
    allOrNothing: 'Tudo ou nada',
    allOrNothingHelp: 'Só grava se todas as linhas estiverem corretas; com qualquer erro, nada é gravado.',
    back: 'Voltar',
    check: 'Conferir planilha',
    checking: 'Conferindo todas as linhas (nada é gravado)…',
  },

  preview: {
    title: 'Conferência',
    help: 'Todas as regras foram aplicadas, sem gravar nada. Confira as linhas com erro antes de gravar.',
    counts: {
      rows: (value: number) => plural(value, 'linha', 'linhas'),
      accepted: (value: number) => `${formatCount(value)} a gravar`,
      written: (value: number) => plural(value, 'gravada', 'gravadas'),
      unchanged: (value: number) => `${formatCount(value)} sem mudança`,
      rejected: (value: number) => plural(value, 'com erro', 'com erro'),
      /** Rows that go in all the same, with a warning (another record has the e-mail). */
      warned: (value: number, written: boolean) => `${formatCount(value)} ${written ? (value === 1 ? 'gravada' : 'gravadas') : 'a gravar'} com aviso`,
      flagged: (value: number) => `${formatCount(value)} com pendências`,
      kept: (value: number) => `${formatCount(value)} com correção mantida`,
      /** Conflicts (fields) and the rows that hold them: a row in conflict is also counted "sem mudança" or "a gravar". */
      conflicts: (value: number, rows: number) => (value > 0 ? `${plural(value, 'conflito', 'conflitos')} em ${plural(rows, 'linha', 'linhas')}` : plural(value, 'conflito', 'conflitos')),
    },
    flaggedHelp: (value: number) =>
      `${plural(value, 'cadastro entra', 'cadastros entram')} com dados a corrigir (CPF, CEP, mãe…): ${value === 1 ? 'ele aparece' : 'eles aparecem'} em Cadastro com o filtro “Com pendências”.`,
    keptHelp: (value: number) =>
      `Em ${plural(value, 'linha', 'linhas')}, o sistema do Regional ainda traz o valor antigo de um campo que a mesa corrigiu, ou uma situação do DIP diferente da que a Implanta informou: vale o valor da mesa.`,
    /** Conflicts open before the load that it closed: nothing is left for the clerk to choose there. */
    closedHelp: (value: number, written: boolean) =>
      `${plural(value, 'conflito aberto', 'conflitos abertos')} ${written ? (value === 1 ? 'foi fechado' : 'foram fechados') : value === 1 ? 'será fechado' : 'serão fechados'}: o sistema do Regional agora traz o mesmo valor da mesa, ou deixou o valor que estava em conflito.`,
    /** Conflicts with the main system that rows of a corrections import settle by taking its value. */
    correctionsClosedHelp: (value: number, written: boolean) =>
      written
        ? `${plural(value, 'conflito aberto', 'conflitos abertos')} com o sistema do Regional ${value === 1 ? 'foi fechado' : 'foram fechados'}: a planilha deixou o cadastro com o mesmo valor do sistema do Regional.`
        : `${plural(value, 'conflito aberto', 'conflitos abertos')} com o sistema do Regional ${value === 1 ? 'será fechado' : 'serão fechados'}: a planilha deixa o cadastro com o mesmo valor do sistema do Regional.`,
    correctionsReopenedHelp: (value: number, written: boolean) =>
      written
        ? `${plural(value, 'conflito', 'conflitos')} com o sistema do Regional ${value === 1 ? 'foi reaberto' : 'foram reabertos'}: a planilha tirou o cadastro do valor do sistema do Regional, e é preciso escolher qual valor fica.`
        : `${plural(value, 'conflito', 'conflitos')} com o sistema do Regional ${value === 1 ? 'será reaberto' : 'serão reabertos'}: a planilha tira o cadastro do valor do sistema do Regional, e será preciso escolher qual valor fica.`,
    cleanedHelp: (value: number) =>
      `${plural(value, 'célula trazia', 'células traziam')} caracteres invisíveis (espaço de largura zero, controle ou de direção do texto): ${value === 1 ? 'foi lida' : 'foram lidas'} sem eles, para que nomes iguais na tela sejam iguais na busca.`,
    dipCorrect: (value: number) =>
      `${value === 1 ? 'Uma linha altera' : `${formatCount(value)} linhas alteram`} dados de identificação de quem já confirmou a solicitação do DIP: a Implanta também precisará corrigir a solicitação. Isso fica registrado em cada correção.`,
    dipNewCard: (value: number) =>
      `${value === 1 ? 'Uma linha altera' : `${formatCount(value)} linhas alteram`} dados de quem já tem o DIP em confecção ou emitido: o cartão não poderá ser corrigido. Oriente ${value === 1 ? 'a/o profissional' : 'cada profissional'} a solicitar um novo DIP.`,
    dipPerson: (row: number, who: string) => `Linha ${formatCount(row)}: ${who}`,
    dipMore: (value: number) => `… e mais ${plural(value, 'linha', 'linhas')}.`,
    dipAck: 'Entendi a consequência para o DIP de cada profissional acima',
    dipAckRequired: 'Marque que entendeu a consequência para o DIP antes de gravar.',
    onlyErrors: 'Só erros',
    onlyProblems: 'Só erros e avisos',
    sampleNote: (shown: number, rows: number) => `Mostrando ${formatCount(shown)} de ${plural(rows, 'linha', 'linhas')}: as primeiras e as com erro ou aviso.`,
    /** Rows hidden in the spreadsheet (a filter, or hidden by hand) are read like the others: said before and after. */
    hiddenRows: (hidden: { count: number; first: readonly number[] }, written: boolean) =>
      `A planilha tem ${hidden.count === 1 ? 'uma linha oculta' : `${formatCount(hidden.count)} linhas ocultas`} (por um filtro ou escondida${hidden.count === 1 ? '' : 's'} à mão: ${hidden.count === 1 ? 'linha' : 'linhas'} ${hidden.first.join(', ')}${hidden.count > hidden.first.length ? '…' : ''}): ${
        written ? (hidden.count === 1 ? 'ela foi conferida e gravada' : 'elas foram conferidas e gravadas') : hidden.count === 1 ? 'ela é conferida e gravada' : 'elas são conferidas e gravadas'
      } como as outras.${written ? '' : ` Se não ${hidden.count === 1 ? 'deve' : 'devem'} entrar, apague-${hidden.count === 1 ? 'a' : 'as'} da planilha e escolha o arquivo de novo.`}`,
    /** Columns the import reads that the spreadsheet hides: named as the clerk finds them, before and after. */
    hiddenColumns: (columns: readonly { letter: string; header: string }[], written: boolean) => {
      const one = columns.length === 1;
      const names = columns.map((c) => (c.header ? `${c.letter} (${c.header})` : c.letter));
      const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} e ${names[names.length - 1]}` : names.join('');
      const read = written ? 'foram conferidos e gravados' : 'são conferidos e gravados';
      const advice = ` Se não ${one ? 'deve' : 'devem'} entrar, volte à etapa Colunas e ignore-${one ? 'a' : 'as'}, ou apague-${one ? 'a' : 'as'} da planilha e escolha o arquivo de novo.`;
      return `${one ? 'A coluna' : 'As colunas'} ${list} ${one ? 'está oculta' : 'estão ocultas'} na planilha: seus valores ${read} como os das outras.${written ? '' : advice}`;
    },
    warnedHelp: (value: number) =>
      `${value === 1 ? 'Uma linha tem' : `${formatCount(value)} linhas têm`} aviso: ${value === 1 ? 'ela será gravada' : 'elas serão gravadas'} assim mesmo. Leia o aviso ao lado de cada uma: um valor que o formulário também questionaria (uma naturalidade fora da UF, um provedor de e-mail digitado errado) ou um e-mail que outra/o profissional já tem — o cadastro fica com a pendência para conferir —, ou um valor que a Implanta já recusou.`,
    tableLabel: 'Linhas da planilha conferidas',
    row: 'Linha',
    status: 'Situação',
    who: 'Profissional',
    changes: 'O que muda',
    change: (field: string, from: string, to: string) => `${field}: ${from} → ${to}`,
    newRecord: 'Novo cadastro',
    errors: 'Erros',
    changesOrErrors: 'O que muda / Erros',
    changesOrWarnings: 'O que muda / Avisos',
    changesOrProblems: 'O que muda / Erros e avisos',
    statusLabels: { accepted: 'A gravar', unchanged: 'Sem mudança', rejected: 'Com erro' },
    warnedLabel: 'A gravar, com aviso',
    /** Read before each problem of a row: an error keeps the row out, a warning does not. */
    problemKind: { error: 'Erro', warning: 'Aviso' },
    noErrors: 'Nenhuma linha com erro.',
    noProblems: 'Nenhuma linha com erro ou aviso.',
    allOrNothingBlocked: 'Com “Tudo ou nada”, nada será gravado enquanto houver linhas com erro. Corrija a planilha (use o relatório de erros) ou desmarque a opção.',
    /** Nothing to write: said for what the rows are — rejected, unchanged, or some of each. */
    nothingToWrite: (rejected: number, unchanged: number) =>
      rejected === 0
        ? 'Nenhuma linha muda o que já está gravado: não há o que gravar.'
        : unchanged === 0
          ? `${rejected === 1 ? 'A única linha da planilha tem erro' : 'Todas as linhas têm erro'}: baixe o relatório de erros, corrija a planilha e importe de novo.`
          : `Não há o que gravar: ${plural(rejected, 'linha tem erro', 'linhas têm erro')} e ${plural(unchanged, 'linha não muda', 'linhas não mudam')} o que já está gravado. Baixe o relatório de erros, corrija a planilha e importe de novo.`,
    conflictsToWrite: 'Nenhum campo muda, mas há conflitos: grave a importação para registrá-los e decidir cada um.',
    back: 'Voltar às colunas',
    report: 'Baixar relatório de erros',
    /** The report holds the rows with an error and those with a warning: named for what it holds. */
    reportOf: (rejected: number, warned: number) =>
      warned === 0 ? 'Baixar relatório de erros' : rejected === 0 ? 'Baixar relatório de avisos' : 'Baixar relatório de erros e avisos',
    write: (value: number) => `Gravar ${plural(value, 'linha', 'linhas')}`,
    writing: 'Gravando a importação…',
  },

  repeatDialog: {
    title: 'Importar de novo a mesma planilha?',
    body: (date: string, id: number) =>
      `Esta mesma planilha (mesmo conteúdo) já foi importada em ${date}, na importação nº ${id}. Importá-la de novo registra outra importação com as linhas que ainda mudarem algo.`,
    cancel: 'Cancelar',
    confirm: 'Importar de novo',
  },

  summary: {
    title: 'Resumo',
    written: (id: number) => `Importação nº ${id} gravada.`,
    notWritten: 'Nada foi gravado: “Tudo ou nada” estava marcado e há linhas com erro.',
    undone: (id: number, kind: ImportKind) =>
      `Importação nº ${id} desfeita: ${
        kind === 'cep' ? 'as alterações de CEP dela saíram da fila e os CEPs voltaram' : kind === 'registry' ? 'os cadastros voltaram' : 'as correções dela saíram da fila e os cadastros voltaram'
      } a como estavam antes dela.`,
    /** One sentence: what went in and what stayed out. */
    outcome: (written: number, corrections: number, rejected: number) =>
      `${written === 1 ? 'Uma linha foi gravada' : `${formatCount(written)} linhas foram gravadas`} e ${plural(corrections, 'correção entrou', 'correções entraram')} na fila para a Implanta${
        rejected > 0 ? `; ${rejected === 1 ? 'uma linha com erro ficou' : `${formatCount(rejected)} linhas com erro ficaram`} de fora e não ${rejected === 1 ? 'gerou' : 'geraram'} correção.` : '.'
      }`,
    registry: (inserted: number, updated: number) => `${plural(inserted, 'cadastro incluído', 'cadastros incluídos')}, ${plural(updated, 'atualizado', 'atualizados')}.`,
    ceps: (value: number) => `${plural(value, 'alteração de CEP entrou', 'alterações de CEP entraram')} na fila para a Implanta.`,
    rejectedHelp: 'Baixe o relatório de erros, corrija as linhas nele mesmo e importe o relatório.',
    warned: (value: number) =>
      `${value === 1 ? 'Uma linha foi gravada' : `${formatCount(value)} linhas foram gravadas`} com aviso: ${value === 1 ? 'o cadastro ficou' : 'os cadastros ficaram'} com a pendência para conferir (veja o relatório).`,
    another: 'Importar outra planilha',
    queue: 'Ver a fila de correções',
  },

  conflicts: {
    title: 'Conflitos com correções da mesa',
    help: 'O sistema do Regional traz, para um campo que a mesa corrigiu, um valor diferente do da mesa: um terceiro valor enquanto a correção segue para a Implanta, um valor que desfaria uma correção já aplicada pela Implanta, ou o valor de uma correção que a Implanta rejeitou (ou que foi cancelada). A mesa manteve o seu valor; decida cada um.',
    previewHelp: 'Ao gravar, estes conflitos ficam registrados para você decidir cada um.',
    more: (shown: number, total: number) => `Mostrando ${formatCount(shown)} de ${plural(total, 'conflito', 'conflitos')}; os demais aparecem em cada cadastro.`,
    tableLabel: 'Conflitos da importação',
    row: 'Linha',
    who: 'Profissional',
    field: 'Campo',
    desk: 'Na mesa',
    settled: (outcome: 'rejected' | 'cancelled') => (outcome === 'rejected' ? 'correção rejeitada pela Implanta' : 'correção cancelada'),
    file: 'No arquivo',
    actions: 'Decisão',
    keep: 'Manter a correção',
    takeFile: 'Usar o valor do arquivo',
    keepTitle: (label: string) => `Manter a correção de ${label}?`,
    takeFileTitle: (label: string) => `Usar o valor do arquivo para ${label}?`,
    keepConsequence: (who: string, desk: string, file: string) =>
      `${who} fica com “${desk}”, e a correção segue para a Implanta. O valor do sistema do Regional, “${file}”, é deixado de lado.`,
    keepDesk: 'Manter o valor da mesa',
    keepDeskTitle: (label: string) => `Manter o valor da mesa em ${label}?`,
    keepDeskConsequence: (who: string, desk: string, file: string) =>
      `${who} fica com “${desk}”, e nada é enviado à Implanta. O valor do sistema do Regional, “${file}”, é deixado de lado.`,
    takeFileSettledConsequence: (who: string, desk: string, file: string, outcome: 'rejected' | 'cancelled') =>
      `${who} passa de “${desk}” para “${file}”. Nada é enviado à Implanta${outcome === 'rejected' ? ', e a rejeição conta como tratada' : ''}.`,
    takeFileConsequence: (who: string, desk: string, file: string) =>
      `${who} passa de “${desk}” para “${file}”. A correção é cancelada se ainda não saiu da mesa; se já foi enviada, uma nova correção com o valor do arquivo entra na fila.`,
    resolvedKept: 'Correção mantida',
    resolvedKeptDesk: 'Valor da mesa mantido',
    resolvedFile: 'Valor do arquivo usado',
    person: (name: string, registration: string) => `${name} (registro ${registration})`,
  },

  report: {
    saveTitle: 'Salvar o relatório',
    /** A report of warnings only is named for them; one with any error, for the errors. */
    fileName: (file: string, warningsOnly = false) => `${file.replace(/\.[^.]+$/, '')}-${warningsOnly ? 'avisos' : 'erros'}.xlsx`,
    filterName: 'Planilha do Excel',
    generating: 'Gerando o relatório…',
    /** The report lists the rows with an error and those written with a warning. */
    saved: (rows: number, name: string) => `Relatório salvo: ${name} (${plural(rows, 'linha com erro ou aviso', 'linhas com erro ou aviso')}).`,
  },

  history: {
    title: 'Importações anteriores',
    tableLabel: 'Histórico de importações',
    empty: 'Nenhuma importação ainda. As planilhas importadas aparecem aqui, com o relatório de erros e a opção de desfazer.',
    number: 'Nº',
    date: 'Data',
    file: 'Arquivo',
    rows: 'Linhas',
    result: 'Resultado',
    accepted: (value: number) => plural(value, 'gravada', 'gravadas'),
    unchanged: (value: number) => `${formatCount(value)} sem mudança`,
    rejected: (value: number) => `${formatCount(value)} com erro`,
    warned: (value: number) => `${formatCount(value)} com aviso`,
    flagged: (value: number) => `${formatCount(value)} com pendências`,
    conflicts: (value: number) => plural(value, 'conflito', 'conflitos'),
    state: 'Situação',
    actions: 'Ações',
    kinds: { corrections: 'Correções', registry: 'Cadastro', cep: 'CEPs' } satisfies Record<ImportKind, string>,
    states: { done: 'Gravada', undone: 'Desfeita' },
    sheet: (sheet: string) => `aba “${sheet}”`,
    report: 'Relatório',
    /** `warned`: rows written with a warning, also in the report. */
    reportOf: (id: number, rejected: number, warned: number) =>
      `Baixar o relatório de ${warned === 0 ? 'erros' : rejected === 0 ? 'avisos' : 'erros e avisos'} da importação nº ${id}`,
    undo: 'Desfazer',
    undoOf: (id: number) => `Desfazer a importação nº ${id}`,
  },

  undoDialog: {
    title: (id: number) => `Desfazer a importação nº ${id}?`,
    body: (file: string, kind: ImportKind, changes: number) =>
      kind === 'cep'
        ? `As ${plural(changes, 'alteração de CEP pendente', 'alterações de CEP pendentes')} da planilha ${file} sairão da fila e os CEPs voltarão a como estavam antes dela.`
        : `As ${plural(changes, 'correção pendente', 'correções pendentes')} da planilha ${file} sairão da fila e os cadastros voltarão aos valores que tinham antes dela.`,
    refused: 'Se algum desses cadastros foi alterado depois da importação, nada será desfeito e você verá quais são.',
    cancel: 'Cancelar',
    confirm: 'Desfazer importação',
    running: 'Desfazendo a importação…',
    done: (id: number, records: number) => `Importação nº ${id} desfeita: ${plural(records, 'cadastro voltou', 'cadastros voltaram')} ao que era antes.`,
  },

  cancelled: 'Importação cancelada: nada foi gravado.',
  formats: { xlsx: 'Excel', xlsm: 'Excel com macros (lida só como dados)', ods: 'LibreOffice', xls: 'Excel 97-2003', csv: 'CSV' },
} as const;
