// Words of the dashboard.
import { plural } from '../../shared/display/plural';

export const HOME_TEXT = {
  title: 'Início',
  greeting: (operator: string) => `Olá, ${operator}.`,
  subtitle: 'Comece procurando uma/um profissional no cadastro.',
  search: 'Buscar no cadastro',
  searchPlaceholder: 'CPF, nº de registro ou nome',
  correctionsTitle: 'Correções',
  correctionsTotal: (n: number) => `${plural(n, 'correção', 'correções')} no total`,
  openQueue: 'Abrir a fila',
  noCorrections: 'Nenhuma correção ainda. Procure uma/um profissional em Cadastro para corrigir um dado.',
  findProfessional: 'Procurar uma/um profissional',
  registryTitle: 'Cadastro',
  registrySize: (n: number) => plural(n, 'profissional cadastrada/o', 'profissionais cadastradas/os'),
  registryEmpty: 'O cadastro está vazio: importe a planilha do sistema do Regional em Importar.',
  pendenciesTitle: 'Pendências do cadastro',
  pendenciesNone: 'Nenhum cadastro com pendências.',
  pendenciesSome: (n: number) =>
    `${plural(n, 'cadastro tem', 'cadastros têm')} dados que vão falhar no recadastramento, por caso do comunicado:`,
  conflictsSome: (n: number) => `${plural(n, 'conflito', 'conflitos')} com o sistema do Regional esperando sua escolha.`,
  seePendencies: 'Ver pendências',
  rejectedTitle: 'Rejeitadas para corrigir',
  rejectedNone: 'Nenhuma correção rejeitada pela Implanta.',
  rejectedSome: (n: number) =>
    `${plural(n, 'correção foi rejeitada', 'correções foram rejeitadas')} pela Implanta e ainda não ${n === 1 ? 'foi tratada' : 'foram tratadas'}: confira o motivo e corrija de novo.`,
  seeRejected: 'Ver rejeitadas',
  backupTitle: 'Último backup',
  countsFailed: 'Não foi possível carregar as contagens.',
} as const;
