// Words of the registry search.
import { formatCount } from '../../shared/display/numbers';
import { plural } from '../../shared/display/plural';

export const REGISTRY_TEXT = {
  title: 'Cadastro',
  subtitle: 'Procure pelo CPF (inteiro ou em parte, com ou sem pontuação), pelo número de registro ou por parte do nome. Enter abre o primeiro resultado; ↓ percorre a lista.',
  search: 'Buscar no cadastro',
  searchPlaceholder: 'CPF (ou parte dele), nº de registro ou nome',
  tableLabel: 'Resultados da busca no cadastro',
  columns: {
    registration: 'Registro',
    name: 'Nome',
    cpf: 'CPF',
    place: 'Município/UF',
    dip: 'DIP',
    open: 'Correções abertas',
  },
  notFound: (text: string) => `Nenhum cadastro encontrado para “${text}”.`,
  notFoundHelp: 'Confira os dígitos do CPF (os 9 primeiros, ou os 6 do meio como a lista mostra, com o ponto, já bastam) ou tente parte do nome, sem acentos se preferir.',
  emptyRegistry: 'O cadastro está vazio.',
  emptyRegistryHelp: 'Carregue a planilha do cadastro do sistema do Regional em Importar, escolhendo “Cadastro (carga do sistema do Regional)”.',
  importRegistry: 'Importar o cadastro',
  openRow: (name: string) => `Abrir o cadastro de ${name}`,
  searching: 'Buscando…',
  tooLong: (max: number, length: number) => `A busca aceita até ${formatCount(max)} caracteres e o texto digitado tem ${formatCount(length)}: apague o que não é CPF, registro ou nome.`,
  withPendencies: 'Só cadastros com pendências',
  pendencies: (n: number) => plural(n, 'pendência', 'pendências'),
  noPendencies: 'Nenhum cadastro com pendências para esta busca.',
  noPendenciesHelp: 'Pendências são dados que vão falhar na plataforma: CPF inválido, e-mail, CEP fora da UF, mãe não informada.',
} as const;
