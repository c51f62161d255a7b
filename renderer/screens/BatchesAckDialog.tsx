// Importing Implanta's answer to a lote: the file is read and checked first and the clerk sees what
// it will change (applied, rejected with the record given Implanta's value back, the DIP), then
// applies it — the very file looked at, refused if it changed meanwhile.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { PickedFile } from '../../shared/contract/channels';
import type { AckResult } from '../../shared/contract';
import type { JobStatus } from '../../shared/contract/jobs';
import { errorMessage } from '../api/client';
import { pickFile } from '../api/desktop';
import { JobDialog } from '../components/JobDialog';
import { useWork } from '../lib/work';
import { useBatches } from '../stores/batches';
import { useNavigation } from '../stores/navigation';
import { ContactsToNotifyNote } from './ContactsToNotifyNote';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { BATCHES_TEXT } from './batches.text';
import { ackSheetLines } from './batchesAckSheets.text';
import { BusyButton } from '../components/BusyButton';

const TEXT = BATCHES_TEXT.ackDialog;

/** What the answer changes, before (`preview`) or after it was applied. */
function AckOutcome({ result, preview }: { result: AckResult; preview: boolean }) {
  const nothing = result.applied + result.rejected + result.dipUpdated === 0 && result.unchanged > 0;
  const otherMessages = result.otherMessages.length > 0 ? TEXT.otherMessages(result.otherMessages.length, result.otherMessages[0]!, result.format) : '';
  // The counts say what they count: the lote's corrections, its CEP changes, or both ("itens").
  const items = result.batch.counts;
  const itemsCover = !nothing && items.corrections > 0 && items.cepChanges > 0 ? TEXT.itemsCover : '';
  const undone = result.mayAnswerUndone?.length ? TEXT.mayAnswerUndone(result.batch.number, result.mayAnswerUndone, formatDateTimeBr) : '';
  // Which sheets of a workbook were read, and hidden sheets and rows: said, as an import says them.
  const sheets = ackSheetLines(result, !preview);
  const lines = preview
    ? [
        ...(nothing ? [TEXT.previewNothing] : TEXT.preview(result.applied, result.rejected, result.unchanged, result.unanswered, items)),
        itemsCover,
        result.registryOnly > 0 ? TEXT.previewRegistryOnly(result.registryOnly) : '',
        result.dipUpdated > 0 ? TEXT.previewDip(result.dipUpdated) : '',
        result.dipStale > 0 ? TEXT.previewDipStale(result.dipStale) : '',
        result.outOfOrder.length > 0 ? TEXT.previewOutOfOrder(result.outOfOrder.length) : '',
        result.mixedAddresses.length > 0 ? TEXT.previewMixedAddresses(result.mixedAddresses.length) : '',
        result.sealedOnRejected.length > 0 ? TEXT.sealedOnRejected(result.sealedOnRejected.length) : '',
        otherMessages,
        result.unansweredCeps.length > 0 ? TEXT.cepsUnanswered(result.unansweredCeps) : '',
        undone,
        ...sheets,
      ]
    : [
        nothing ? TEXT.nothingChanged : TEXT.counts(result.applied, result.rejected, result.unchanged, result.unanswered, items),
        itemsCover,
        result.rejected > 0 && items.dipRequests > 0 ? TEXT.dipRequestsFollow : '',
        result.registryOnly > 0 ? TEXT.registryOnly(result.registryOnly) : '',
        result.dipUpdated > 0 ? TEXT.dipUpdated(result.dipUpdated) : '',
        result.dipStale > 0 ? TEXT.dipStale(result.dipStale) : '',
        result.outOfOrder.length > 0 ? TEXT.outOfOrder(result.outOfOrder.length) : '',
        result.mixedAddresses.length > 0 ? TEXT.mixedAddresses(result.mixedAddresses.length) : '',
        result.sealedOnRejected.length > 0 ? TEXT.sealedOnRejected(result.sealedOnRejected.length) : '',
        otherMessages,
        result.unansweredCeps.length > 0 ? TEXT.cepsUnanswered(result.unansweredCeps) : '',
        undone,
        ...sheets,
      ];
  const severity = preview ? 'info' : undone || result.hiddenRows.length > 0 || result.rejected > 0 || result.registryOnly > 0 || result.outOfOrder.length > 0 || result.mixedAddresses.length > 0 || result.sealedOnRejected.length > 0 ? 'warning' : 'success';
  return (
    <Alert severity={severity} sx={{ mb: 2 }} role="status">
      <Typography sx={{ fontWeight: 600 }}>{preview ? TEXT.previewTitle(result.batch.number) : TEXT.result(result.batch.number)}</Typography>
      <Box component={preview ? 'ul' : 'div'} sx={{ m: 0, pl: preview ? 2.5 : 0 }}>
        {lines.filter(Boolean).map((line) =>
          preview ? (
            <li key={line}>{line}</li>
          ) : (
            <Typography key={line} variant="body2" sx={{ mt: 0.5 }}>
              {line}
            </Typography>
          ),
        )}
      </Box>
      <ItemList label={TEXT.outOfOrder(result.outOfOrder.length)} lines={result.outOfOrder.map(TEXT.outOfOrderItem)} moreText={TEXT.outOfOrderMore} />
      <ItemList label={TEXT.mixedAddresses(result.mixedAddresses.length)} lines={result.mixedAddresses.map(TEXT.mixedAddressItem)} moreText={TEXT.mixedAddressesMore} />
      <ItemList label={TEXT.sealedOnRejected(result.sealedOnRejected.length)} lines={result.sealedOnRejected.map(TEXT.sealedOnRejectedItem)} moreText={TEXT.outOfOrderMore} />
    </Alert>
  );
}

const ITEMS_SHOWN = 5;

/** The records a line above is about (corrections answered out of order, mixed addresses): the first few, then how many more. */
function ItemList({ label, lines, moreText }: { label: string; lines: readonly string[]; moreText(n: number): string }) {
  if (lines.length === 0) return null;
  const more = lines.length - ITEMS_SHOWN;
  return (
    <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }} aria-label={label}>
      {lines.slice(0, ITEMS_SHOWN).map((line, index) => (
        <Typography component="li" variant="body2" key={`${index}-${line}`}>
          {line}
        </Typography>
      ))}
      {more > 0 && (
        <Typography component="li" variant="body2">
          {moreText(more)}
        </Typography>
      )}
    </Box>
  );
}

export function AckDialog({ onClose }: { onClose(): void }) {
  const acknowledge = useBatches((s) => s.acknowledge);
  const go = useNavigation((s) => s.go);
  const [status, setStatus] = useState<JobStatus | null>(null);
  const { running: busy, error, setError, run } = useWork();
  const [preview, setPreview] = useState<{ file: PickedFile; result: AckResult } | null>(null);
  const [result, setResult] = useState<AckResult | null>(null);

  async function choose() {
    setError(null);
    let file: PickedFile | null;
    try {
      // Every kind the answer is read from, as the command line reads them (Excel's "Texto Unicode" is a .txt).
      file = await pickFile(TEXT.pickTitle, [{ name: TEXT.filter, extensions: ['json', 'csv', 'txt', 'xlsx', 'xlsm', 'xls', 'ods'] }]);
    } catch (failure) {
      setError(errorMessage(failure));
      return;
    }
    if (!file) return;
    const picked = file;
    setResult(null);
    setPreview(null);
    await run(async () => {
      setPreview({ file: picked, result: await acknowledge({ path: picked.handle, fileName: picked.name, dryRun: true }, setStatus) });
    });
    setStatus(null);
  }

  async function apply() {
    if (!preview) return;
    const { file, result: looked } = preview;
    setError(null);
    await run(async () => {
      setResult(await acknowledge({ path: file.handle, fileName: file.name, expectedSha256: looked.fileSha256 }, setStatus));
      setPreview(null);
    });
    setStatus(null);
  }

  const confirm = preview ? { label: TEXT.apply, onClick: () => void apply(), autoFocus: true } : { label: TEXT.choose, onClick: () => void choose(), autoFocus: true };
  // Applied: the dialog shows the result and closes; choosing a file again would invite a second import.
  const applied = result !== null && preview === null;
  return (
    <JobDialog
      titleId="ack-title"
      title={TEXT.title}
      busy={busy}
      onClose={onClose}
      dividers
      job={busy ? { status, label: TEXT.title } : null}
      cancelLabel={preview ? TEXT.cancel : TEXT.close}
      confirm={confirm}
      extraActions={
        preview ? (
          <BusyButton onClick={() => void choose()} busy={busy}>
            {TEXT.chooseOther}
          </BusyButton>
        ) : null
      }
      actions={
        applied ? (
          <>
            <Button
              onClick={() => {
                onClose();
                go({ name: 'batch', id: result.batch.id });
              }}
            >
              {TEXT.openBatch}
            </Button>
            <Button variant="contained" onClick={onClose} autoFocus>
              {TEXT.close}
            </Button>
          </>
        ) : undefined
      }
    >
      {error ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          <Typography sx={{ fontWeight: 600 }}>{TEXT.refused}</Typography>
          {TEXT.refusedDetail(error)}
        </Alert>
      ) : null}
      {preview ? <AckOutcome result={preview.result} preview /> : null}
      {result ? <AckOutcome result={result} preview={false} /> : null}
      {result && result.applied + result.rejected > 0 ? <ContactsToNotifyNote answer={result.fileSha256} onLeave={onClose} /> : null}
      {preview || applied ? null : <Typography variant="body2">{TEXT.intro}</Typography>}
    </JobDialog>
  );
}
