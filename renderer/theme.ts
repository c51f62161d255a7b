// A calm, readable look for long days at a counter: teal-blue primary, system fonts (no downloads),
// compact tables, and Portuguese texts for MUI's built-in labels.
import { createTheme } from '@mui/material/styles';
import { ptBR } from '@mui/material/locale';

const FONT_STACK = '"Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const theme = createTheme(
  {
    palette: {
      primary: { main: '#1d6b8c', dark: '#124b63', light: '#4b8fab', contrastText: '#ffffff' },
      secondary: { main: '#2a8c82', contrastText: '#ffffff' },
      background: { default: '#f4f7f9', paper: '#ffffff' },
      warning: { main: '#9a5b00', contrastText: '#ffffff' },
      info: { main: '#3566b8' },
      success: { main: '#2e7d4f' },
      text: { primary: '#1c2830', secondary: '#50606b' },
    },
    shape: { borderRadius: 8 },
    typography: {
      fontFamily: FONT_STACK,
      fontSize: 14,
      body1: { fontSize: '0.95rem' },
      body2: { fontSize: '0.875rem' },
      h4: { fontSize: '1.6rem', fontWeight: 600 },
      h5: { fontSize: '1.35rem', fontWeight: 600 },
      h6: { fontSize: '1.1rem', fontWeight: 600 },
      subtitle1: { fontWeight: 600 },
      button: { textTransform: 'none', fontWeight: 600 },
    },
    components: {
      MuiTable: { defaultProps: { size: 'small' } },
      MuiTableCell: {
        styleOverrides: {
          root: { paddingTop: 8, paddingBottom: 8 },
          head: { fontWeight: 600, color: '#50606b', backgroundColor: '#f7f9fa', whiteSpace: 'nowrap' },
        },
      },
      MuiTableRow: {
        styleOverrides: {
          // Chromium draws no outline around a focused <tr>: mark clickable rows another way.
          root: {
            '&:focus-visible': { outline: 'none', backgroundColor: 'rgba(29,107,140,0.10)' },
            '&:focus-visible > td:first-of-type': { boxShadow: 'inset 4px 0 0 #1d6b8c' },
          },
        },
      },
      MuiTextField: { defaultProps: { size: 'small' } },
      // No asterisk inside labels: a label reads exactly as its field's name (screen readers, tests);
      // inputs keep aria-required, and the few optional fields say "opcional".
      MuiInputLabel: { defaultProps: { required: false } },
      MuiFormLabel: { defaultProps: { required: false } },
      MuiPaper: { defaultProps: { elevation: 0 }, styleOverrides: { outlined: { borderColor: '#dbe3e8' } } },
      MuiCard: { defaultProps: { variant: 'outlined' } },
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiTooltip: { defaultProps: { arrow: true } },
      MuiCssBaseline: {
        styleOverrides: {
          // Keyboard users always see where they are.
          ':focus-visible': { outline: '2px solid #1d6b8c', outlineOffset: 2 },
          // A field brought into view (an invalid one focused, a pendência's link) stops below the
          // title bar and the demo banner, which stay on top of the page: never hidden under them.
          html: { scrollPaddingTop: 120 },
        },
      },
    },
  },
  ptBR,
);
