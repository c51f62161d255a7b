// A card of the settings screen: its title (which names the region for screen readers), a line
// of help when it has one, what the card offers, and the error of its last action under it. A card
// of settings to edit holds a SettingsForm: its fields one under another, the save button last.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { FormEvent, ReactNode } from 'react';

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

export function SettingsForm({ onSubmit, saveLabel, canSave, children }: { onSubmit(event: FormEvent): void; saveLabel: string; canSave: boolean; children: ReactNode }) {
  return (
    <Box component="form" onSubmit={onSubmit} noValidate sx={{ display: 'grid', gap: 2, maxWidth: 560 }}>
      {children}
      <Box>
        <Button type="submit" variant="contained" disabled={!canSave}>
          {saveLabel}
        </Button>
      </Box>
    </Box>
  );
}
