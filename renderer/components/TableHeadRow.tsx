// The head of a table that is not paged: one row of column names, given as a list.
import Box from '@mui/material/Box';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { visuallyHidden } from '@mui/utils';

/** A column's name; a column of numbers or buttons may stand at the right, or be named for screen readers only. */
export type HeadColumn = string | { label: string; align?: 'right'; hidden?: boolean };

export function TableHeadRow({ columns }: { columns: HeadColumn[] }) {
  return (
    <TableHead>
      <TableRow>
        {columns.map((column, index) => {
          const { label, align, hidden }: Exclude<HeadColumn, string> = typeof column === 'string' ? { label: column } : column;
          return (
            <TableCell key={index} align={align}>
              {hidden ? (
                <Box component="span" sx={visuallyHidden}>
                  {label}
                </Box>
              ) : (
                label
              )}
            </TableCell>
          );
        })}
      </TableRow>
    </TableHead>
  );
}
