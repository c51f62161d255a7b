// "Baixar relatório de erros" (or of warnings, or both): asks where to save, has the report written
// there, hands it over.
import DownloadIcon from '@mui/icons-material/Download';
import type { ButtonProps } from '@mui/material/Button';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { chooseSavePath, deliver } from '../api/desktop';
import { useImports } from '../stores/imports';
import { useNotify } from '../stores/notify';
import { IMPORT_TEXT as TEXT } from './import.text';
import { BusyButton } from '../components/BusyButton';

export function ImportReportButton({
  importId,
  fileName,
  label = TEXT.preview.report,
  warningsOnly = false,
  ...props
}: { importId: number | null; fileName: string; label?: string; warningsOnly?: boolean } & Omit<ButtonProps, 'onClick'>) {
  const notify = useNotify((s) => s.show);
  const report = useImports((s) => s.report);
  const [busy, setBusy] = useState(false);

  async function download() {
    try {
      const target = await chooseSavePath(TEXT.report.saveTitle, TEXT.report.fileName(fileName, warningsOnly), [{ name: TEXT.report.filterName, extensions: ['xlsx'] }]);
      if (!target) return;
      setBusy(true);
      const outcome = await report(target.handle, importId);
      if (!outcome.ok) {
        if (!outcome.cancelled) notify(outcome.message, 'error');
        return;
      }
      await deliver(target);
      notify(TEXT.report.saved(outcome.value.rows, target.name));
    } catch (error) {
      notify(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <BusyButton startIcon={<DownloadIcon />} busy={busy} onClick={() => void download()} {...props}>
      {busy ? TEXT.report.generating : label}
    </BusyButton>
  );
}
