// Words of the window frame: title bar, navigation, start-up states.
export const SHELL_TEXT = {
  appName: 'CRESS Desk',
  starting: 'Abrindo o CRESS Desk…',
  startFailed: 'Não foi possível abrir os dados do aplicativo.',
  retry: 'Tentar novamente',
  navigation: 'Navegação principal',
  soon: 'Em breve',
  soonTooltip: 'Disponível em uma próxima versão',
  operator: (name: string) => `Operador: ${name}`,
  seccional: (name: string) => `Seccional ${name}`,
  nav: {
    home: 'Início',
    registry: 'Cadastro',
    pendencies: 'Pendências',
    corrections: 'Correções',
    import: 'Importar',
    batches: 'Lotes',
    ceps: 'CEPs',
    backups: 'Backups',
    settings: 'Configurações',
  },
  shortcutHint: 'Ctrl+K ou F3: buscar no cadastro',
} as const;
