// Words of the window frame: title bar, navigation, start-up states.
import { plural } from '../../shared/display/plural';

export const SHELL_TEXT = {
  appName: 'CRESS Desk',
  starting: 'Abrindo o CRESS Desk…',
  startFailed: 'Não foi possível abrir os dados do aplicativo.',
  retry: 'Tentar novamente',
  closeNotice: 'Fechar aviso',
  navigation: 'Navegação principal',
  soon: 'Em breve',
  soonTooltip: 'Disponível em uma próxima versão',
  operator: (name: string) => `Operador: ${name}`,
  switchOperator: 'Trocar',
  switchTitle: 'Trocar de operador?',
  switchBody: (n: number) =>
    `${plural(n, 'correção não salva será descartada', 'correções não salvas serão descartadas')}: quem entrar não assina o que você digitou.`,
  switchKeep: 'Continuar editando',
  switchConfirm: 'Descartar e trocar',
  switchOperatorHint: 'Trocar de operador: volta à escolha de quem está atendendo',
  seccional: (name: string) => `Seccional ${name}`,
  nav: {
    home: 'Início',
    registry: 'Cadastro',
    pendencies: 'Pendências',
    contacts: 'Atendimentos',
    corrections: 'Correções',
    import: 'Importar',
    batches: 'Lotes',
    ceps: 'CEPs',
    backups: 'Backups',
    settings: 'Configurações',
  },
  shortcutHint: 'Ctrl+K ou F3: buscar no cadastro',
} as const;
