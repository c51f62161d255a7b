// Figures that line up in columns (registrations, CPFs, CEPs, counts): tabular digits, one style.
import TableCell from '@mui/material/TableCell';
import Typography from '@mui/material/Typography';
import { styled } from '@mui/material/styles';

const TABULAR = { fontVariantNumeric: 'tabular-nums' } as const;

/** A table cell whose digits keep the same width, so columns of figures align. */
export const NumericCell = styled(TableCell)(TABULAR);

/** Text (any Typography variant or element) whose digits keep the same width. */
// styled() drops Typography's `component` prop from its type; the component itself still takes it.
export const NumericText = styled(Typography)(TABULAR) as typeof Typography;
