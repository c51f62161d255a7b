// A card of the settings screen: its title (which names the region for screen readers), a line
// of help when it has one, what the card offers, and the error of its last action under it. A card
// of settings to edit holds a SettingsForm: its fields one under another, the save button last. The
// button keeps the keyboard's focus while it saves and after (a save with nothing changed says so):
// it is disabled only while a field holds what cannot be saved.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { FormEvent, ReactNode } from 'react';
import { BusyButton } from './BusyButton';

export function SettingsCard({ title, help, error, children }: { title: string; help?: ReactNode; error?: string | null; children: ReactNode }) {
  return (
    <Card component="section" aria-label={title}>
      <CardContent>
        <Typography variant="h6" component="h2" sx={{ mb: help ? 1 : 2 }}>
          {title}
        </Typography>
        {help ? (
          <Typography variant="body2" sx={{ color: 'text.secondary', mb: 2, maxWidth: 760 }}>
            {help}
          </Typography>
        ) : null}
        {children}
        {error ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        ) : null}
      </CardContent>
    </Card>
  );
}

export function SettingsForm({
  onSubmit,
  saveLabel,
  saving,
  canSave,
  children,
}: {
  onSubmit(event: FormEvent): void;
  saveLabel: string;
  saving: boolean;
  /** False while a field holds what cannot be saved (too long). */
  canSave: boolean;
  children: ReactNode;
}) {
  return (
    <Box component="form" onSubmit={onSubmit} noValidate sx={{ display: 'grid', gap: 2, maxWidth: 560 }}>
      {children}
      <Box>
        <BusyButton type="submit" variant="contained" busy={saving} disabled={!canSave}>
          {saveLabel}
        </BusyButton>
      </Box>
    </Box>
  );
}
