// Words of Cadastro → "Exportar para o sistema do Regional".
import { plural } from '../../shared/display/plural';

export const REGISTRY_EXPORT_TEXT = {
  button: 'Exportar para o sistema do Regional',
  title: 'Exportar para o sistema do Regional',
  intro:
    'Gera uma planilha com os cadastros alterados nesta mesa e já sincronizados pela Implanta desde a data escolhida: uma linha por profissional, com os dados que a Implanta tem (um campo com correção ainda a caminho vai com o valor de antes dela), nas mesmas colunas da importação de cadastro. Entregue o arquivo a quem atualiza o sistema do Regional.',
  since: 'Sincronizados desde',
  sinceHelp: 'Dia de Brasília, inclusive.',
  dateInvalid: 'Informe uma data válida no formato dd/mm/aaaa.',
  dateFuture: 'A data não pode ser posterior a hoje.',
  format: 'Formato do arquivo',
  xlsx: 'Planilha Excel (.xlsx)',
  csv: 'CSV para Excel (.csv, separado por ponto e vírgula)',
  saveTitle: 'Salvar a planilha para o sistema do Regional',
  filterXlsx: 'Planilha Excel',
  filterCsv: 'Arquivo CSV',
  privacy: 'O arquivo traz CPF, nome da mãe e endereço completos: guarde-o e entregue-o com cuidado.',
  cancel: 'Voltar',
  close: 'Fechar',
  export: 'Exportar',
  exporting: 'Exportando…',
  exported: (rows: number, fileName: string) => `Planilha gravada: ${plural(rows, 'cadastro', 'cadastros')} em ${fileName}.`,
  empty: (since: string, fileName: string) =>
    `Nenhum cadastro foi alterado nesta mesa e sincronizado pela Implanta desde ${since}. O arquivo ${fileName} foi gravado só com o cabeçalho; escolha uma data anterior se esperava encontrar alterações.`,
} as const;
