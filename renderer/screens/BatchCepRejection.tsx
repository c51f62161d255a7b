// Implanta's message on a rejected CEP change of an answered lote, with "Dispensar": a CEP change
// has no record screen where its rejection could be dealt with, so it is dealt with here (a new
// change of the CEP, on the CEPs screen, answers it too).
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useState } from 'react';
import type { BatchItem } from '../../shared/contract';
import { formatCep } from '../../shared/rules/cep';
import { call, failureOf } from '../api/client';
import { ReasonDialog } from '../components/ReasonDialog';
import { useBatches } from '../stores/batches';
import { useNotify } from '../stores/notify';
import { BATCHES_TEXT } from './batches.text';

const TEXT = BATCHES_TEXT.cepRejection;

export function CepRejectionCell({ item, batchId }: { item: BatchItem; batchId: number }) {
  const open = useBatches((s) => s.open);
  const notify = useNotify((s) => s.show);
  const [dismissing, setDismissing] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const cep = formatCep(item.cep ?? '');
  return (
    <Box>
      {item.statusMessage ?? '—'}
      {dismissed ? null : (
        <Box sx={{ mt: 0.5 }}>
          <Button size="small" color="inherit" onClick={() => setDismissing(true)} aria-label={TEXT.dismissLabel(cep)}>
            {TEXT.dismiss}
          </Button>
        </Box>
      )}
      <ReasonDialog
        open={dismissing}
        title={TEXT.title(cep)}
        consequence={TEXT.consequence}
        confirmLabel={TEXT.confirm}
        onClose={() => setDismissing(false)}
        onConfirm={(reason) =>
          failureOf(async () => {
            await call('corrections:dismissRejection', { uuid: item.uuid, reason });
            setDismissed(true);
            notify(TEXT.done(cep));
            await open(batchId);
          })
        }
      />
    </Box>
  );
}
