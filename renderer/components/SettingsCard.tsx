// A card of the settings screen: its title (which names the region for screen readers), a line
// of help when it has one, what the card offers, and the error of its last action under it.
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

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
