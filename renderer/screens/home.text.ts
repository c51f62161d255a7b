// Words of the dashboard.
export const HOME_TEXT = {
  title: 'Início',
  greeting: (operator: string) => `Olá, ${operator}.`,
  subtitle: 'Comece procurando uma profissional no cadastro.',
  search: 'Buscar no cadastro',
  searchPlaceholder: 'CPF, nº de registro ou nome',
  correctionsTitle: 'Correções',
  correctionsTotal: (n: number) => `${n.toLocaleString('pt-BR')} ${n === 1 ? 'correção' : 'correções'} no total`,
  openQueue: 'Abrir a fila',
  noCorrections: 'Nenhuma correção ainda. Procure uma profissional em Cadastro para corrigir um dado.',
  findProfessional: 'Procurar uma profissional',
  registryTitle: 'Cadastro',
  registrySize: (n: number) => `${n.toLocaleString('pt-BR')} ${n === 1 ? 'profissional cadastrada' : 'profissionais cadastradas'}`,
  registryEmpty: 'O cadastro está vazio. A importação de planilhas chega em uma próxima versão.',
  rejectedTitle: 'Rejeitadas para corrigir',
  rejectedNone: 'Nenhuma correção rejeitada pela Implanta.',
  rejectedSome: (n: number) =>
    `${n.toLocaleString('pt-BR')} ${n === 1 ? 'correção foi rejeitada' : 'correções foram rejeitadas'} pela Implanta: confira o motivo na fila.`,
  seeRejected: 'Ver rejeitadas',
  backupTitle: 'Último backup',
  backupLater: 'Os backups chegam em uma próxima versão. Até lá, os dados ficam somente neste computador.',
  countsFailed: 'Não foi possível carregar as contagens.',
} as const;
