// Início's count of pendências per case of the notice, each a chip that opens Pendências filtered by it.
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { formatCount } from '../../shared/display/numbers';
import { PENDENCY_CASE_LABELS, PENDENCY_CASES } from '../../shared/rules/pendencyCases';
import { useLoad } from '../lib/load';
import { useNavigation } from '../stores/navigation';
import { useQuality } from '../stores/quality';

export function PendencyCaseCounts() {
  const { summary, load, setCase } = useQuality();
  const go = useNavigation((s) => s.go);
  useLoad(load);
  if (!summary) return null;
  const cases = PENDENCY_CASES.filter((c) => summary.byCase[c] > 0);
  return (
    <Stack direction="column" spacing={0.75} sx={{ mb: 1.5, alignItems: 'flex-start' }} data-testid="home-pendency-cases">
      {cases.map((c) => (
        <Chip
          key={c}
          size="small"
          variant="outlined"
          color="warning"
          label={`${PENDENCY_CASE_LABELS[c]}: ${formatCount(summary.byCase[c])}`}
          onClick={() => {
            setCase(c);
            go({ name: 'pendencies' });
          }}
        />
      ))}
    </Stack>
  );
}
