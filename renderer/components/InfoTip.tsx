// A small "i" beside a plain sentence that holds the technical words behind it (format names,
// checksums) for whoever needs them: shown on hover or keyboard focus, read by screen readers.
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';

export function InfoTip({ text }: { text: string }) {
  return (
    <Tooltip title={text} describeChild>
      <Box component="span" tabIndex={0} role="img" aria-label={text} sx={{ display: 'inline-flex', verticalAlign: 'text-bottom', color: 'text.secondary', cursor: 'help' }}>
        <InfoOutlinedIcon sx={{ fontSize: 18 }} />
      </Box>
    </Tooltip>
  );
}
