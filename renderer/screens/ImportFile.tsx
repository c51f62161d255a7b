// Importar, steps 1 and 2: choosing the file, then its sheet and what kind of data it brings.
import UploadFileIcon from '@mui/icons-material/UploadFile';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { IMPORT_KINDS, type ImportKind } from '../../shared/contract/imports';
import { formatFileSize } from '../../shared/display/numbers';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { errorMessage } from '../api/client';
import { pickFile } from '../api/desktop';
import { useImports } from '../stores/imports';
import { useNotify } from '../stores/notify';
import { IMPORT_TEXT as TEXT } from './import.text';
import { ImportStepHeading } from './ImportStepHeading';

const SPREADSHEETS = [{ name: TEXT.file.filterName, extensions: ['xlsx', 'xlsm', 'ods', 'xls', 'csv'] }];

export function FileStep() {
  const inspectFile = useImports((s) => s.inspectFile);
  const notify = useNotify((s) => s.show);

  async function choose() {
    try {
      const file = await pickFile(TEXT.file.pickTitle, SPREADSHEETS);
      if (file) await inspectFile(file);
    } catch (error) {
      notify(errorMessage(error), 'error');
    }
  }

  return (
    <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <Box sx={{ flex: '1 1 360px' }}>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
          {TEXT.file.title}
        </Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary', mb: 2 }}>
          {TEXT.file.help}
        </Typography>
        <Button variant="contained" size="large" startIcon={<UploadFileIcon />} onClick={() => void choose()}>
          {TEXT.file.choose}
        </Button>
      </Box>
      <Box component="ul" sx={{ flex: '1 1 320px', m: 0, pl: 2.5, color: 'text.secondary', '& li': { mb: 0.75 } }}>
        {TEXT.file.tips.map((tip) => (
          <Typography component="li" variant="body2" key={tip}>
            {tip}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}

export function SheetStep() {
  const { inspect, sheet, kind, chooseSheet, chooseKind, goTo, reset } = useImports();
  if (!inspect) return null;
  const current = inspect.sheets.find((s) => s.name === sheet);
  const repeated = inspect.previous.find((p) => p.kind === kind);

  return (
    <Stack spacing={3}>
      <ImportStepHeading title={TEXT.sheet.title} help={TEXT.sheet.file(inspect.file, formatFileSize(inspect.size), TEXT.formats[inspect.format])} />
      <FormControl>
        <FormLabel id="import-kind-label">{TEXT.sheet.kindLabel}</FormLabel>
        <RadioGroup aria-labelledby="import-kind-label" value={kind} onChange={(event) => chooseKind(event.target.value as ImportKind)}>
          {IMPORT_KINDS.map((option) => (
            <FormControlLabel
              key={option}
              value={option}
              control={<Radio />}
              sx={{ alignItems: 'flex-start', mt: 1, '& .MuiRadio-root': { pt: 0.25 } }}
              label={
                <Box>
                  <Typography component="span" sx={{ fontWeight: 600 }}>
                    {TEXT.sheet.kinds[option].label}
                  </Typography>
                  <Typography variant="body2" component="span" sx={{ display: 'block', color: 'text.secondary' }}>
                    {TEXT.sheet.kinds[option].help}
                  </Typography>
                </Box>
              }
            />
          ))}
        </RadioGroup>
      </FormControl>
      <Box>
        {/* A CSV is one table: there is no tab to choose. */}
        {inspect.format === 'csv' ? null : (
          <TextField select label={TEXT.sheet.sheetLabel} value={sheet} onChange={(event) => chooseSheet(event.target.value)} sx={{ minWidth: 320 }}>
            {inspect.sheets.map((option) => (
              <MenuItem key={option.name} value={option.name} disabled={option.headerRow === null || option.headerOnly}>
                {option.name}
                {option.hidden ? ` ${TEXT.sheet.hidden}` : ''}
                {option.headerRow === null ? ` — ${TEXT.sheet.emptySheet}` : ''}
                {option.headerOnly ? ` — ${TEXT.sheet.headerOnlySheet}` : ''}
              </MenuItem>
            ))}
          </TextField>
        )}
        {current && current.headerRow !== null ? (
          <Box sx={{ mt: 1.5 }}>
            <Typography variant="body2" sx={{ color: 'text.secondary', mb: 0.75 }}>
              {TEXT.sheet.headerAt(current.headerRow)}
            </Typography>
            <Stack direction="row" useFlexGap spacing={0.75} sx={{ flexWrap: 'wrap' }}>
              {current.headers.map((header, index) => (
                <Chip key={`${index}-${header}`} size="small" variant="outlined" label={header || TEXT.mapping.noHeader(index)} />
              ))}
            </Stack>
          </Box>
        ) : null}
      </Box>
      {current?.headerOnly ? <Alert severity="error">{TEXT.sheet.headerOnly(inspect.format === 'csv' ? inspect.file : null, current.name)}</Alert> : null}
      {repeated ? <Alert severity="warning">{TEXT.sheet.repeated(formatDateTimeBr(repeated.finishedAt), repeated.id)}</Alert> : null}
      <Stack direction="row" spacing={1.5}>
        <Button onClick={reset}>{TEXT.sheet.back}</Button>
        <Button variant="contained" disabled={!current || current.headerRow === null || current.headerOnly} onClick={() => goTo('mapping')}>
          {TEXT.sheet.next}
        </Button>
      </Stack>
    </Stack>
  );
}
