// The window frame: title bar with the desk's identity, the navigation, the keyboard shortcuts, and
// the demo banner while the registry holds demo professionals.
import BackupIcon from '@mui/icons-material/Backup';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import HomeIcon from '@mui/icons-material/Home';
import Inventory2Icon from '@mui/icons-material/Inventory2';
import MarkunreadMailboxIcon from '@mui/icons-material/MarkunreadMailbox';
import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import RuleIcon from '@mui/icons-material/Rule';
import SettingsIcon from '@mui/icons-material/Settings';
import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Drawer from '@mui/material/Drawer';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { regionLabel } from '../../shared/regions';
import { DemoBanner } from '../components/DemoBanner';
import { followHistory, useNavigation, type Route, type ScreenName } from '../stores/navigation';
import { useSession } from '../stores/session';
import { BatchDetailScreen } from './BatchesDetail';
import { BackupHeaderChip } from './BackupAge';
import { BackupsScreen } from './Backups';
import { PendenciesScreen } from './Pendencies';
import { ContactScreen } from './Contact';
import { ContactsScreen } from './Contacts';
import { BatchesScreen } from './Batches';
import { CepsScreen } from './Ceps';
import { CorrectionsScreen } from './Corrections';
import { HomeScreen } from './Home';
import { ImportScreen } from './Import';
import { RecordScreen } from './Record';
import { RegistryScreen } from './Registry';
import { SettingsScreen } from './Settings';
import { SHELL_TEXT } from './shell.text';
import { SwitchOperatorButton } from './SwitchOperatorButton';

const DRAWER_WIDTH = 224;
/** Under 1200 px (a 1024×700 council screen) the menu keeps its icons only, each named by a tooltip. */
const COMPACT_DRAWER_WIDTH = 68;

interface NavItem {
  label: string;
  icon: ReactNode;
  /** Screens this item stands for; none = not in this version yet. */
  screens: ScreenName[];
}

const NAV: NavItem[] = [
  { label: SHELL_TEXT.nav.home, icon: <HomeIcon />, screens: ['home'] },
  { label: SHELL_TEXT.nav.registry, icon: <PersonSearchIcon />, screens: ['registry', 'record'] },
  { label: SHELL_TEXT.nav.pendencies, icon: <RuleIcon />, screens: ['pendencies'] },
  { label: SHELL_TEXT.nav.contacts, icon: <SupportAgentIcon />, screens: ['contacts', 'contact'] },
  { label: SHELL_TEXT.nav.corrections, icon: <FactCheckIcon />, screens: ['corrections'] },
  { label: SHELL_TEXT.nav.import, icon: <UploadFileIcon />, screens: ['import'] },
  { label: SHELL_TEXT.nav.batches, icon: <Inventory2Icon />, screens: ['batches', 'batch'] },
  { label: SHELL_TEXT.nav.ceps, icon: <MarkunreadMailboxIcon />, screens: ['ceps'] },
  { label: SHELL_TEXT.nav.backups, icon: <BackupIcon />, screens: ['backups'] },
  { label: SHELL_TEXT.nav.settings, icon: <SettingsIcon />, screens: ['settings'] },
];

export function Shell() {
  const settings = useSession((s) => s.info?.settings);
  const route = useNavigation((s) => s.route);
  const go = useNavigation((s) => s.go);
  const focusSearch = useNavigation((s) => s.focusSearch);
  const compact = useMediaQuery((theme: Theme) => theme.breakpoints.down('lg'));
  const drawerWidth = compact ? COMPACT_DRAWER_WIDTH : DRAWER_WIDTH;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
      const walk = event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight');
      if (!ctrlK && event.key !== 'F3' && !walk) return;
      event.preventDefault();
      // A dialog open (what the clerk typed in it, a job it follows) stays: leaving the screen would unmount it.
      if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      if (!walk) focusSearch();
      // The app's window has no Back button: Alt+← and Alt+→ walk the screens' history, as a browser does.
      else if (event.key === 'ArrowLeft') window.history.back();
      else window.history.forward();
    };
    window.addEventListener('keydown', onKey);
    const stopFollowing = followHistory();
    return () => {
      window.removeEventListener('keydown', onKey);
      stopFollowing();
    };
  }, [focusSearch]);

  if (!settings) return null;

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <AppBar position="fixed" sx={{ zIndex: (theme) => theme.zIndex.drawer + 1 }}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="h6" component="div" noWrap sx={{ fontWeight: 700, letterSpacing: 0.2, flexShrink: 0 }}>
            {SHELL_TEXT.appName}
          </Typography>
          <Typography component="div" noWrap sx={{ opacity: 0.9, minWidth: 0 }}>
            {regionLabel(settings.region)}
            {settings.seccional ? ` · ${SHELL_TEXT.seccional(settings.seccional)}` : ''}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <Typography variant="body2" component="div" noWrap sx={{ opacity: 0.92, display: { xs: 'none', lg: 'block' } }}>
            {SHELL_TEXT.shortcutHint}
          </Typography>
          <BackupHeaderChip />
          <Typography component="div" noWrap sx={{ minWidth: 0, maxWidth: 260 }}>
            {SHELL_TEXT.operator(settings.operator)}
          </Typography>
          <SwitchOperatorButton />
        </Toolbar>
      </AppBar>
      <Drawer
        variant="permanent"
        sx={{
          width: drawerWidth,
          flexShrink: 0,
          '& .MuiDrawer-paper': { width: drawerWidth, overflowX: 'hidden', boxSizing: 'border-box', borderRight: '1px solid #dbe3e8' },
        }}
      >
        <Toolbar variant="dense" />
        <nav aria-label={SHELL_TEXT.navigation}>
          <List sx={{ px: 1, py: 1.5 }}>
            {NAV.map((item) => (
              <ListItem key={item.label} disablePadding sx={{ display: 'block' }}>
                <NavEntry item={item} current={item.screens.includes(route.name)} onGo={go} compact={compact} />
              </ListItem>
            ))}
          </List>
        </nav>
      </Drawer>
      <Box component="main" sx={{ flex: 1, minWidth: 0, px: 3, pb: 4 }}>
        <Toolbar variant="dense" />
        <DemoBanner />
        <Box sx={{ pt: 2.5, maxWidth: 1280, mx: 'auto' }}>
          <CurrentScreen />
        </Box>
      </Box>
    </Box>
  );
}

function NavEntry({ item, current, onGo, compact }: { item: NavItem; current: boolean; onGo: ReturnType<typeof useNavigation.getState>['go']; compact: boolean }) {
  // The compact menu's name tooltip closes on the click: the mouse resting on the entry must not keep it over the screen it opened.
  const [named, setNamed] = useState(false);
  const target = item.screens[0];
  if (!target) {
    return (
      <Tooltip title={SHELL_TEXT.soonTooltip} placement="right">
        {/* A disabled button gets no pointer events: the wrapper keeps the tooltip working. */}
        <span>
          <ListItemButton disabled sx={{ borderRadius: 1.5, mb: 0.25 }}>
            <ListItemIcon sx={{ minWidth: 36 }}>{item.icon}</ListItemIcon>
            <ListItemText primary={item.label} />
            <Chip size="small" label={SHELL_TEXT.soon} variant="outlined" sx={{ height: 20, fontSize: 11 }} />
          </ListItemButton>
        </span>
      </Tooltip>
    );
  }
  const button = (
    <ListItemButton
      selected={current}
      aria-current={current ? 'page' : undefined}
      aria-label={compact ? item.label : undefined}
      onClick={() => {
        setNamed(false);
        onGo(target === 'record' ? { name: 'registry' } : ({ name: target } as { name: Exclude<ScreenName, 'record' | 'batch' | 'contact'> }));
      }}
      sx={{ borderRadius: 1.5, mb: 0.25, '&.Mui-selected': { bgcolor: 'rgba(29,107,140,0.12)', color: 'primary.dark' } }}
    >
      <ListItemIcon sx={{ minWidth: 36, color: current ? 'primary.main' : undefined }}>{item.icon}</ListItemIcon>
      {compact ? null : <ListItemText primary={item.label} slotProps={{ primary: { sx: { fontWeight: current ? 600 : 400 } } }} />}
    </ListItemButton>
  );
  return compact ? (
    <Tooltip title={item.label} placement="right" open={named} onOpen={() => setNamed(true)} onClose={() => setNamed(false)}>
      {button}
    </Tooltip>
  ) : (
    button
  );
}

/** The screen of each route; a screen of one item (an atendimento, a record, a lote) is given its id. */
const SCREENS: { [N in ScreenName]: ComponentType<Omit<Extract<Route, { name: N }>, 'name'>> } = {
  home: HomeScreen,
  registry: RegistryScreen,
  pendencies: PendenciesScreen,
  contacts: ContactsScreen,
  contact: ContactScreen,
  record: RecordScreen,
  corrections: CorrectionsScreen,
  import: ImportScreen,
  ceps: CepsScreen,
  batches: BatchesScreen,
  batch: BatchDetailScreen,
  backups: BackupsScreen,
  settings: SettingsScreen,
};

function CurrentScreen() {
  const route = useNavigation((s) => s.route);
  const key = route.name === 'record' || route.name === 'batch' || route.name === 'contact' ? `${route.name}-${route.id}` : route.name;

  // A new screen starts at its top, not where the previous one was scrolled to.
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [key]);

  const { name, ...props } = route;
  const Screen = SCREENS[name] as ComponentType<typeof props>;
  return <Screen {...props} />;
}
