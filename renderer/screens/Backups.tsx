// Backups: the list (date, size, verified, encrypted, pinned), create, verify, restore, reveal in the
// folder, pin; the routine's settings. Long work runs as jobs with a progress bar: the window never waits.
import BackupIcon from '@mui/icons-material/Backup';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import LockIcon from '@mui/icons-material/Lock';
import PushPinIcon from '@mui/icons-material/PushPin';
import PushPinOutlinedIcon from '@mui/icons-material/PushPinOutlined';
import RestoreIcon from '@mui/icons-material/Restore';
import VerifiedIcon from '@mui/icons-material/Verified';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { BackupItem, BackupVerification, RestorePrepared } from '../../shared/contract/backups';
import { becameDeskSentence } from '../../shared/display/desks';
import { formatFileSize } from '../../shared/display/numbers';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { errorMessage } from '../api/client';
import { pickFile, reveal } from '../api/desktop';
import { EmptyState } from '../components/EmptyState';
import { JobProgress } from '../components/JobProgress';
import { Page } from '../components/Page';
import { TableHeadRow } from '../components/TableHeadRow';
import { useLoad } from '../lib/load';
import { useBackups, type BackupSecrets, type RestoreConfirmation } from '../stores/backups';
import { useNotify } from '../stores/notify';
import { useSession } from '../stores/session';
import { BackupAge } from './BackupAge';
import { BackupSettingsCard } from './BackupSettingsCard';
import { BACKUPS_TEXT as TEXT } from './backups.text';
import { ImplantaCopyDialog, RecoveryKeyNeededDialog } from './BackupKeyDialogs';
import { CreateBackupDialog, PassphraseDialog, ProblemsDialog, RestoreDialog } from './BackupsDialogs';
import { BusyButton } from '../components/BusyButton';

const ZIP_FILTER = [{ name: 'Backup do CRESS Desk', extensions: ['zip'] }];
const KEY_FILTER = [{ name: 'Chave de recuperação do CRESS Desk', extensions: ['key', 'txt'] }];

/** A verification or restore under way, with what the clerk gave so far to open the file. */
type Pending = { action: 'verify' | 'restore'; file: string; fileName: string } & BackupSecrets;

const pendingFor = (action: Pending['action'], file: string, fileName: string): Pending => ({ action, file, fileName, passphrase: null, keyFile: null });

/** Only another desk's key opens the database (the DB_KEY problem), and no recovery key was tried yet. */
function needsRecoveryKey(pending: Pending, problems: unknown): boolean {
  return pending.keyFile === null && Array.isArray(problems) && problems.some((p: { code?: string }) => p?.code === 'DB_KEY');
}

export function BackupsScreen() {
  const { folder, items, summary, error, job, load } = useBackups();
  const notify = useNotify((s) => s.show);
  const info = useSession((s) => s.info);
  const refreshSession = useSession((s) => s.refresh);
  const [creating, setCreating] = useState(false);
  const [forImplanta, setForImplanta] = useState(false);
  const [askPassphrase, setAskPassphrase] = useState<Pending | null>(null);
  /** The passphrase given was wrong: the dialog stays, saying so. */
  const [passphraseWrong, setPassphraseWrong] = useState(false);
  const [askKey, setAskKey] = useState<Pending | null>(null);
  const [problems, setProblems] = useState<BackupVerification | null>(null);
  const [restore, setRestore] = useState<{ jobId: string; prepared: RestorePrepared } | null>(null);
  const [notice, setNotice] = useState<{ severity: 'success' | 'warning' | 'error' | 'info'; text: string } | null>(null);

  useLoad(load);

  const busy = job !== null;

  async function startCreate(passphrase: string | null) {
    setCreating(false);
    setNotice(null);
    const outcome = await useBackups.getState().create(passphrase);
    if (outcome.ok) {
      const text = TEXT.created(outcome.value.fileName, formatFileSize(outcome.value.bytes));
      setNotice(outcome.value.warning ? { severity: 'warning', text: `${text} ${outcome.value.warning}` } : { severity: 'success', text });
      notify(text);
    } else if (!outcome.cancelled) setNotice({ severity: 'error', text: outcome.message });
  }

  async function startImplantaCopy(passphrase: string) {
    setForImplanta(false);
    setNotice(null);
    const outcome = await useBackups.getState().create(passphrase, true);
    if (outcome.ok) setNotice({ severity: 'success', text: TEXT.implantaCreated(outcome.value.file, formatFileSize(outcome.value.bytes)) });
    else if (!outcome.cancelled) setNotice({ severity: 'error', text: outcome.message });
  }

  /**
   * Verify or prepare a restore. An encrypted file without its passphrase asks for it; a database
   * another desk's key encrypted asks for that desk's recovery key file.
   */
  async function run(pending: Pending) {
    setNotice(null);
    const store = useBackups.getState();
    /** True when the passphrase was wrong: the passphrase dialog stays open and says so. */
    const settle = (code: string | undefined) => {
      const wrong = code === 'BACKUP_PASSPHRASE_WRONG' && pending.passphrase !== null;
      setPassphraseWrong(wrong);
      if (!wrong) setAskPassphrase(null);
      return wrong;
    };
    if (pending.action === 'verify') {
      const outcome = await store.verify(pending.file, pending);
      if (settle(outcome.ok ? undefined : outcome.code)) return;
      if (outcome.ok) {
        if (outcome.value.valid) {
          const { createdAt, counts } = outcome.value;
          const contents = TEXT.verifyContents(createdAt ? formatDateTimeBr(createdAt) : null, counts?.professionals ?? null, counts?.corrections ?? null);
          setNotice({ severity: 'success', text: `${TEXT.verifyValid(pending.fileName)} ${contents}` });
        } else if (needsRecoveryKey(pending, outcome.value.problems)) setAskKey(pending);
        else setProblems(outcome.value);
      } else if (outcome.code === 'BACKUP_PASSPHRASE_REQUIRED') setAskPassphrase(pending);
      else if (!outcome.cancelled) setNotice({ severity: 'error', text: outcome.message });
      return;
    }
    const outcome = await store.prepareRestore(pending.file, pending);
    if (settle(outcome.ok ? undefined : outcome.code)) return;
    if (outcome.ok && outcome.jobId) setRestore({ jobId: outcome.jobId, prepared: outcome.value });
    else if (!outcome.ok && outcome.code === 'BACKUP_PASSPHRASE_REQUIRED') setAskPassphrase(pending);
    else if (!outcome.ok && needsRecoveryKey(pending, outcome.details)) setAskKey(pending);
    else if (!outcome.ok && !outcome.cancelled) setNotice({ severity: 'error', text: outcome.message });
  }

  async function fromFile(action: Pending['action']) {
    const picked = await pickFile(action === 'verify' ? TEXT.verifyFile : TEXT.restoreFile, ZIP_FILTER);
    if (picked) await run(pendingFor(action, picked.handle, picked.name));
  }

  async function withRecoveryKey(pending: Pending) {
    setAskKey(null);
    const picked = await pickFile(TEXT.keyFilePicker, KEY_FILTER);
    if (picked) await run({ ...pending, keyFile: picked.handle });
  }

  async function confirmRestore(confirm: RestoreConfirmation) {
    if (!restore) return;
    const { jobId, prepared } = restore;
    setRestore(null);
    try {
      const applied = await useBackups.getState().applyRestore(jobId, confirm);
      const restored = applied.undoneLotes.length > 0 ? TEXT.restoredUndoneLotes(applied.previousStore, applied.undoneLotes, formatDateTimeBr) : TEXT.restored(applied.previousStore);
      // Another desk's backup (also over a desk only set up): the clerk is told which desk this is now.
      const became = prepared.deskChanges && prepared.desk ? ` ${becameDeskSentence(prepared.desk)}` : '';
      const said = `${restored}${became}`;
      setNotice({ severity: applied.undoneLotes.length > 0 || became ? 'warning' : 'success', text: said });
      await refreshSession();
      // A backup whose operators do not include the one working ends the session: the window goes
      // to the choice of operator, and the confirmation goes with it.
      if (!useSession.getState().info?.sessionOperator) useNotify.getState().show(said);
    } catch (error) {
      // Refused (the store in use elsewhere…): the copy prepared for it is not left beside the store.
      void useBackups.getState().discardRestore(jobId);
      setNotice({ severity: 'error', text: errorMessage(error) });
    }
  }

  async function showInFolder(item: BackupItem) {
    if (!(await reveal(item.path))) setNotice({ severity: 'info', text: TEXT.revealUnavailable(item.path) });
  }

  async function togglePin(item: BackupItem) {
    await useBackups.getState().setPinned(item, !item.pinned);
    notify(item.pinned ? TEXT.unpinned : TEXT.pinned);
  }

  return (
    <Page
      text={TEXT}
      actions={
        <>
          <BusyButton variant="outlined" busy={busy} onClick={() => void fromFile('verify')}>
            {TEXT.verifyFile}
          </BusyButton>
          <BusyButton variant="outlined" busy={busy} onClick={() => void fromFile('restore')}>
            {TEXT.restoreFile}
          </BusyButton>
          <BusyButton variant="outlined" busy={busy} onClick={() => setForImplanta(true)}>
            {TEXT.implantaAction}
          </BusyButton>
          <BusyButton variant="contained" startIcon={<BackupIcon />} busy={busy} onClick={() => setCreating(true)}>
            {TEXT.create}
          </BusyButton>
        </>
      }
    >
      {summary ? <BackupAge summary={summary} variant="banner" /> : null}
      {job ? (
        <Card sx={{ my: 2 }}>
          <CardContent>
            <JobProgress status={job} onCancel={() => void useBackups.getState().cancel()} />
          </CardContent>
        </Card>
      ) : null}
      {notice ? (
        <Alert severity={notice.severity} onClose={() => setNotice(null)} sx={{ my: 2, wordBreak: 'break-word' }}>
          {notice.text}
        </Alert>
      ) : null}
      {error ? <Alert severity="error" sx={{ my: 2 }}>{`${TEXT.loadFailed} ${error}`}</Alert> : null}

      <Card sx={{ mt: 2 }}>
        <CardContent>
          {folder ? (
            <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1, wordBreak: 'break-all' }}>
              {TEXT.folder(folder)}
            </Typography>
          ) : null}
          {items === null && !error ? <Skeleton variant="rounded" height={120} /> : null}
          {items !== null && items.length === 0 ? (
            <EmptyState
              icon={<BackupIcon />}
              title={TEXT.emptyTitle}
              action={
                <BusyButton variant="contained" busy={busy} onClick={() => setCreating(true)}>
                  {TEXT.create}
                </BusyButton>
              }
            >
              {TEXT.emptyText}
            </EmptyState>
          ) : null}
          {items !== null && items.length > 0 ? (
            <TableContainer>
              <Table size="small" aria-label={TEXT.title}>
                <TableHeadRow columns={[TEXT.columns.date, { label: TEXT.columns.size, align: 'right' }, TEXT.columns.verified, TEXT.columns.encrypted, TEXT.columns.origin, { label: TEXT.columns.actions, align: 'right' }]} />
                <TableBody>
                  {items.map((item) => (
                    <TableRow key={item.path} hover>
                      <TableCell>
                        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                          <Box>
                            <Typography variant="body2" sx={{ fontWeight: 600 }}>
                              {formatDateTimeBr(item.createdAt)}
                            </Typography>
                            <Typography variant="caption" sx={{ color: 'text.secondary' }}>
                              {item.fileName}
                            </Typography>
                            {item.renamedFrom ? (
                              <Typography variant="caption" component="div" sx={{ color: 'text.secondary' }}>
                                {TEXT.renamedFrom(item.renamedFrom)}
                              </Typography>
                            ) : null}
                          </Box>
                          {item.pinned ? <Chip size="small" icon={<PushPinIcon />} label={TEXT.pinnedChip} color="primary" variant="outlined" /> : null}
                        </Stack>
                      </TableCell>
                      <TableCell align="right">{formatFileSize(item.bytes)}</TableCell>
                      <TableCell>
                        <VerifiedChip verified={item.verified} changed={item.changed} />
                      </TableCell>
                      <TableCell>
                        {item.encrypted ? <Chip size="small" icon={<LockIcon />} label={TEXT.encryptedYes} /> : <Typography variant="body2">{TEXT.encryptedNo}</Typography>}
                      </TableCell>
                      <TableCell>{item.trigger ? (TEXT.origins[item.trigger] ?? item.trigger) : TEXT.originUnknown}</TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        <BusyButton size="small" startIcon={<VerifiedIcon />} busy={busy} onClick={() => void run(pendingFor('verify', item.path, item.fileName))}>
                          {TEXT.verify}
                        </BusyButton>
                        <BusyButton size="small" color="error" startIcon={<RestoreIcon />} busy={busy} onClick={() => void run(pendingFor('restore', item.path, item.fileName))}>
                          {TEXT.restore}
                        </BusyButton>
                        <Tooltip title={TEXT.reveal}>
                          <IconButton size="small" aria-label={`${TEXT.reveal}: ${item.fileName}`} onClick={() => void showInFolder(item)}>
                            <FolderOpenIcon fontSize="small" />
                          </IconButton>
                        </Tooltip>
                        <Tooltip title={item.pinned ? TEXT.unpin : TEXT.pin}>
                          <IconButton size="small" aria-label={`${item.pinned ? TEXT.unpin : TEXT.pin}: ${item.fileName}`} aria-pressed={item.pinned} onClick={() => void togglePin(item)}>
                            {item.pinned ? <PushPinIcon fontSize="small" color="primary" /> : <PushPinOutlinedIcon fontSize="small" />}
                          </IconButton>
                        </Tooltip>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          ) : null}
        </CardContent>
      </Card>

      <BackupSettingsCard />

      <CreateBackupDialog open={creating} onClose={() => setCreating(false)} onStart={(p) => void startCreate(p)} />
      <PassphraseDialog
        fileName={askPassphrase?.fileName ?? null}
        wrong={passphraseWrong}
        busy={busy}
        onClose={() => (setAskPassphrase(null), setPassphraseWrong(false))}
        onSubmit={(passphrase) => {
          if (askPassphrase) void run({ ...askPassphrase, passphrase });
        }}
      />
      <ImplantaCopyDialog open={forImplanta} onClose={() => setForImplanta(false)} onStart={(p) => void startImplantaCopy(p)} />
      <RecoveryKeyNeededDialog fileName={askKey?.fileName ?? null} onClose={() => setAskKey(null)} onChoose={() => askKey && void withRecoveryKey(askKey)} />
      <ProblemsDialog verification={problems} onClose={() => setProblems(null)} />
      <RestoreDialog
        prepared={restore?.prepared ?? null}
        currentProfessionals={info?.professionals ?? null}
        onCancel={() => {
          if (restore) void useBackups.getState().discardRestore(restore.jobId);
          setRestore(null);
        }}
        onConfirm={(confirm) => void confirmRestore(confirm)}
      />
    </Page>
  );
}

function VerifiedChip({ verified, changed }: { verified: boolean | null; changed: boolean }) {
  if (changed) {
    return (
      <Tooltip title={TEXT.verifiedChangedHint}>
        <Chip size="small" color="error" label={TEXT.verifiedChanged} />
      </Tooltip>
    );
  }
  if (verified === true) return <Chip size="small" color="success" icon={<VerifiedIcon />} label={TEXT.verifiedYes} />;
  if (verified === false) return <Chip size="small" color="error" label={TEXT.verifiedNo} />;
  return <Chip size="small" variant="outlined" label={TEXT.verifiedUnknown} />;
}
