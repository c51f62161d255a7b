// Words of Importar for a write found again after a reload, or started in another tab.

const named = (name: string | null) => (name ? `de “${name}”` : 'da planilha');

export const IMPORT_RESUME_TEXT = {
  /** Above the progress bar of a write this page did not start (or started before a reload). */
  following: (name: string | null, here: boolean) =>
    here
      ? `A gravação ${named(name)} continuou enquanto a página recarregava. Acompanhe aqui o que falta; o resumo aparece ao terminar.`
      : 'Uma planilha começada em outra aba ou janela está sendo gravada. Acompanhe aqui o que falta; o resumo aparece ao terminar.',
  /** The history while a write runs: its row is made by the write's last step. */
  historyWriting: 'Em gravação',
  historyWritingHelp: 'Uma importação está sendo gravada: ela entra nesta lista assim que terminar.',
  /** A write found again that ended cancelled (Cancelar here or in another tab). */
  cancelled: (name: string | null) => `A gravação ${named(name)} foi cancelada: nada dela ficou gravado.`,
};
