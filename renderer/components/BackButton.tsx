// The way back from a screen that shows one item (a record, a lote, an atendimento) to its list.
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import Button from '@mui/material/Button';
import { useNavigation, type Route } from '../stores/navigation';

export function BackButton({ to, label }: { to: Route; label: string }) {
  const go = useNavigation((s) => s.go);
  return (
    <Button startIcon={<ArrowBackIcon />} onClick={() => go(to)} sx={{ mb: 1, ml: -1 }}>
      {label}
    </Button>
  );
}
