// A moment in a table: the date over the time, so the column stays narrow and names and values get
// the room.
import Typography from '@mui/material/Typography';
import { formatDateTimeBr } from '../../shared/rules/dates';

export function DateTimeText({ iso }: { iso: string }) {
  const [date, time] = formatDateTimeBr(iso).split(' ');
  return (
    <>
      {date}
      <Typography variant="body2" component="span" sx={{ display: 'block', color: 'text.secondary' }}>
        {time}
      </Typography>
    </>
  );
}
