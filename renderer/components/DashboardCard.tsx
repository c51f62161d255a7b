// A card of the start screen: an icon and a title over what it shows; a card that needs care now
// (tone "error") wears a red border and a red icon.
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

export function DashboardCard({ icon, title, tone, children }: { icon: ReactNode; title: string; tone?: 'error'; children: ReactNode }) {
  return (
    <Card component="section" aria-label={title} sx={tone === 'error' ? { borderColor: 'error.main', borderWidth: 2 } : undefined}>
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1.5, color: tone === 'error' ? 'error.main' : 'primary.main' }}>
          {icon}
          <Typography variant="h6" component="h2" sx={{ color: 'text.primary' }}>
            {title}
          </Typography>
        </Box>
        {children}
      </CardContent>
    </Card>
  );
}
