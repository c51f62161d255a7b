// Words of the first-run screen.
import { formatCount } from '../../shared/display/numbers';

export const FIRST_RUN_TEXT = {
  title: 'Bem-vinda/o ao CRESS Desk',
  intro:
    'Antes de começar, diga em qual CRESS este computador trabalha e quem vai operá-lo. ' +
    'Os dados ficam somente neste computador; nada é enviado pela internet.',
  region: 'CRESS',
  regionPlaceholder: 'Digite o número ou a UF: CRESS 9, SP…',
  regionNoMatch: 'Nenhum CRESS com esse número ou UF (são 27 regiões).',
  regionRequired: 'Selecione o CRESS deste computador.',
  seccional: 'Seccional',
  seccionalHelp: 'Opcional: preencha se este computador fica em uma seccional.',
  operator: 'Nome do operador',
  operatorHelp: 'Aparece em cada correção e no histórico de auditoria.',
  operatorRequired: 'Informe o nome de quem vai operar o aplicativo (pelo menos 2 letras).',
  pin: 'PIN do operador',
  pinHelp: 'De 4 a 8 algarismos: digitado a cada vez que você abre o CRESS Desk.',
  repeatPin: 'Repita o PIN',
  pinInvalid: 'O PIN tem de 4 a 8 algarismos.',
  pinsDiffer: 'Os dois PINs não são iguais.',
  demo: 'Carregar dados de demonstração',
  demoHelp: 'Cadastros fictícios da sua região, para treinar sem tocar em dados reais.',
  demoCount: 'Quantidade de cadastros de demonstração',
  demoCountInvalid: 'Informe um número entre 1 e 500.000.',
  start: 'Começar',
  working: (count: number | null) =>
    count ? `Preparando o armazenamento e gerando ${formatCount(count)} cadastros de demonstração…` : 'Preparando o armazenamento…',
  privacy: 'Os dados pessoais (CPF, nome da mãe, endereço) são tratados conforme a LGPD: ficam neste computador e cada alteração é auditada.',
} as const;
