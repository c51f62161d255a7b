// While the registry holds demo professionals, every screen says so: a clerk must never serve a
// real person, or send corrections to Implanta, from synthetic data.
import Alert from '@mui/material/Alert';
import { useSession } from '../stores/session';
import { DEMO_BANNER_TEXT } from './demoBanner.text';

/** Dense toolbar height: the banner stays in view under the title bar while the screen scrolls. */
const TITLE_BAR_HEIGHT = 48;

/** `sticky` under the app's title bar; on a page without one (choosing who works) it sits above the title. */
export function DemoBanner({ sticky = true }: { sticky?: boolean }) {
  const demo = useSession((s) => s.info?.settings?.demo === true);
  if (!demo) return null;
  return (
    <Alert
      role="status"
      severity="warning"
      variant="filled"
      sx={sticky ? { position: 'sticky', top: TITLE_BAR_HEIGHT, zIndex: (theme) => theme.zIndex.appBar - 1, mt: 1.5, py: 0.25 } : { mb: 3, py: 0.25 }}
    >
      <strong>{DEMO_BANNER_TEXT.title}</strong>. {DEMO_BANNER_TEXT.detail}
    </Alert>
  );
}
