// Words of the settings screen.
import { formatCount } from '../../shared/display/numbers';
import { plural } from '../../shared/display/plural';

export const SETTINGS_TEXT = {
  title: 'Configurações',
  subtitle: 'Dados deste computador e de quem o opera.',
  deskTitle: 'Regional e seccional',
  region: 'Regional',
  regionHelp: 'O Regional é definido no primeiro acesso e não muda.',
  seccional: 'Seccional',
  seccionalHelp: 'Deixe em branco se este computador fica na sede.',
  save: 'Salvar configurações',
  saved: 'Configurações salvas.',
  nothingChanged: 'Nada mudou.',
  storeTitle: 'Onde ficam os dados',
  storePath: 'Arquivo de dados',
  storeHelp: 'Todos os dados ficam neste arquivo, criptografado, somente neste computador. Nada é enviado pela internet.',
  appVersion: 'Versão do aplicativo',
  schemaVersion: 'Versão do formato dos dados',
  registrySize: 'Profissionais no cadastro',
  auditTitle: 'Histórico de auditoria',
  auditHelp:
    'Cada alteração fica registrada em um histórico encadeado que não pode ser editado. A verificação confere se nenhum registro foi alterado ou apagado.',
  verify: 'Verificar histórico de auditoria',
  verifying: 'Verificando o histórico…',
  auditOk: (entries: number) => `Histórico de auditoria íntegro: ${plural(entries, 'registro verificado', 'registros verificados')}.`,
  auditBroken: (at: number | null) =>
    at === null ? 'O histórico de auditoria apresenta um problema.' : `O histórico de auditoria apresenta um problema a partir do registro nº ${formatCount(at)}.`,
  auditAdvice: 'Não altere dados até falar com o suporte do Regional; guarde uma cópia do arquivo de dados.',
  auditNotices: 'O que o histórico registra além disso',
  exportTitle: 'Histórico para o encarregado de dados (LGPD)',
  exportHelp:
    'Planilha com quem alterou o quê e quando, no período escolhido. Traz o registro e o CPF mascarado de cada profissional, sem os valores alterados.',
  exportFrom: 'De',
  exportTo: 'Até',
  exportButton: 'Exportar histórico',
  exporting: 'Exportando…',
  exportSaveTitle: 'Salvar histórico de auditoria',
  exportDateInvalid: 'Informe as duas datas no formato dd/mm/aaaa.',
  exported: (entries: number, name: string) => `Histórico exportado: ${plural(entries, 'registro', 'registros')} em ${name}.`,
  keyTitle: 'Chave de recuperação',
  keyHelp:
    'Os dados deste computador e os backups são gravados criptografados. A chave fica guardada pelo sistema para este usuário; se o Windows for reinstalado ou o computador trocado, só a chave de recuperação abre o banco e os backups. Exporte-a uma vez e entregue ao responsável de TI do Conselho.',
  keyWarning:
    'Quem tiver este arquivo consegue ler todos os dados do cadastro e dos backups. Guarde-o fora deste computador (por exemplo, num pendrive no cofre do Conselho) e nunca o envie por e-mail.',
  keyUnderstood: 'Entendi: quem tiver o arquivo lê os dados',
  keyButton: 'Exportar chave de recuperação',
  keyExporting: 'Exportando…',
  keySaveTitle: 'Salvar chave de recuperação',
  keyFileType: 'Chave do CRESS Desk',
  keyExported: (name: string) => `Chave de recuperação gravada em ${name}. Guarde-a fora deste computador.`,
} as const;
