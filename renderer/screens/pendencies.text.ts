// Words of the Pendências screen and of its counts on Início.
import { plural } from '../../shared/display/plural';

export const PENDENCIES_TEXT = {
  title: 'Pendências',
  subtitle: 'Cadastros que vão falhar quando a/o profissional tentar se recadastrar, pelos casos do comunicado. Corrija antes que ela/ele ligue.',
  scan: 'Conferir de novo',
  scanning: 'Conferindo o cadastro…',
  scanned: (n: number) => `${plural(n, 'cadastro conferido', 'cadastros conferidos')}.`,
  export: 'Exportar para corrigir',
  exporting: 'Exportando…',
  exported: (rows: number, name: string) =>
    `Planilha salva: ${name} (${plural(rows, 'cadastro', 'cadastros')}). Corrija as células, preencha Motivo e Documento comprobatório e importe a planilha como correções.`,
  /** The way on from the saved spreadsheet: the notice stays until followed or closed. */
  toImport: 'Ir para Importar',
  saveTitle: 'Salvar as pendências para corrigir',
  filterXlsx: 'Planilha do Excel',
  allCases: 'Todos os casos',
  caseCount: (n: number) => plural(n, 'cadastro', 'cadastros'),
  code: 'Tipo de pendência',
  allCodes: 'Todos os tipos',
  tableLabel: 'Pendências do cadastro',
  loading: 'Carregando as pendências…',
  openRow: (name: string) => `Abrir o cadastro de ${name}`,
  columns: { registration: 'Registro', name: 'Nome', cpf: 'CPF', case: 'Caso', problem: 'O que falta corrigir', suggestion: 'Sugestão' },
  noneTitle: 'Nenhuma pendência',
  noneText: 'Nenhum cadastro tem dados que vão falhar na plataforma por este critério.',
  total: (records: number, total: number) =>
    records === 0 ? 'Nenhum cadastro com pendências.' : `${plural(records, 'cadastro tem', 'cadastros têm')} ${plural(total, 'pendência', 'pendências')}.`,
  homeSeeAll: 'Abrir Pendências',
} as const;

/** Each code as the clerk reads it in the filter. */
export const PENDENCY_CODE_LABELS: Record<string, string> = {
  CPF_INVALID: 'CPF inválido',
  EMAIL_MISSING: 'Sem e-mail',
  EMAIL_INVALID: 'E-mail inválido',
  EMAIL_TYPO: 'E-mail com provedor digitado errado',
  EMAIL_SHARED: 'E-mail de mais de uma pessoa',
  PHONE_INVALID: 'Telefone inválido',
  CEP_INVALID: 'CEP inválido',
  CEP_UF_MISMATCH: 'CEP de outra UF',
  CITY_UNKNOWN: 'Município desconhecido na UF',
  MOTHER_MISSING: 'Sem nome da mãe',
  MOTHER_PLACEHOLDER: '“Não consta” escrito como nome da mãe',
  NAME_SUSPECT: 'Nome a conferir',
  BIRTH_DATE_IMPLAUSIBLE: 'Data de nascimento improvável',
  BIRTHPLACE_UNKNOWN: 'Naturalidade desconhecida na UF',
  DIP_DATA_PENDING: 'DIP confirmado com dados em correção',
};
