// Every paged list looks and behaves alike: a loading bar, the error if any, an outlined sheet with
// the table (or what the empty list means) and the pager under it. Columns are data.
import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { SxProps, Theme } from '@mui/material/styles';
import type { ReactNode } from 'react';
import { ClickableRow } from './ClickableRow';
import { LoadingBar } from './LoadingBar';
import { NumericCell } from './Numeric';
import { Pager } from './Pager';

export interface Column<T> {
  /** What the header cell says. */
  header: ReactNode;
  cell(row: T): ReactNode;
  align?: 'left' | 'right' | 'center';
  /** Figures: digits of equal width so the column aligns. */
  numeric?: boolean;
  /** Extra style of the body cells. */
  sx?: SxProps<Theme>;
  /** Style that depends on the row (instead of `sx`). */
  sxFor?(row: T): SxProps<Theme>;
  /** A column the table can do without on a narrow window: hidden below this width (lg: 1200 px). */
  hideBelow?: 'md' | 'lg' | 'xl';
}

/** Hides a cell below the column's breakpoint: status and actions keep their place on a 1024 px screen. */
function hiding<T>(column: Column<T>): SxProps<Theme> | undefined {
  return column.hideBelow ? { display: { xs: 'none', [column.hideBelow]: 'table-cell' } } : undefined;
}

function withHiding<T>(column: Column<T>, sx: SxProps<Theme> | undefined): SxProps<Theme> | undefined {
  const hide = hiding(column);
  if (!hide) return sx;
  return [hide, ...(Array.isArray(sx) ? sx : sx ? [sx] : [])] as SxProps<Theme>;
}

export interface Paging {
  total: number;
  page: number;
  pageSize: number;
  onPage(page: number): void;
  onPageSize(pageSize: number): void;
}

/** A paged list as its store holds it. */
export interface PagedList<T> {
  result: { items: T[]; total: number } | null;
  page: number;
  pageSize: number;
  loading: boolean;
  error: string | null;
  setPage(page: number): void;
  setPageSize(pageSize: number): void;
}

/** A store's paged list as the table's props: its rows (none before the first answer), loading, error and pager. */
export function pagedListProps<T>(list: PagedList<T>) {
  const { result } = list;
  const paging: Paging | null = result ? { total: result.total, page: list.page, pageSize: list.pageSize, onPage: list.setPage, onPageSize: list.setPageSize } : null;
  return { rows: result ? result.items : null, loading: list.loading, error: list.error, paging };
}

export function PagedTable<T>({
  label,
  columns,
  rows,
  rowKey,
  open,
  rowSx,
  hover = true,
  loading,
  loadingLabel,
  error,
  empty,
  paging,
  id,
  framed = true,
}: {
  /** The table's accessible name. */
  label: string;
  columns: Column<T>[];
  /** null until the first answer: the header shows, and no empty state yet. */
  rows: T[] | null;
  rowKey(row: T): string | number;
  /** Rows that open something: by click, and by Enter or Space once focused. */
  open?: { label(row: T): string; onOpen(row: T): void };
  rowSx?(row: T): SxProps<Theme> | undefined;
  /** Plain rows light up under the pointer unless told otherwise. */
  hover?: boolean;
  /** Given: a loading bar above the sheet. */
  loading?: boolean;
  loadingLabel?: string;
  error?: string | null;
  /** Shown instead of the table when the answer has no rows. */
  empty: ReactNode;
  /** Given with a total above zero: the pager under the table. */
  paging?: Paging | null;
  id?: string;
  /** false: no outlined sheet of its own (it sits in one already). */
  framed?: boolean;
}) {
  const content = (
    <>
      {rows && rows.length === 0 ? (
        empty
      ) : (
        <TableContainer>
          <Table aria-label={label}>
            <TableHead>
              <TableRow>
                {columns.map((column, index) => (
                  <TableCell key={index} align={column.align} sx={hiding(column)}>
                    {column.header}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {(rows ?? []).map((row) => {
                const cells = columns.map((column, index) => {
                  const Cell = column.numeric ? NumericCell : TableCell;
                  return (
                    <Cell key={index} align={column.align} sx={withHiding(column, column.sxFor ? column.sxFor(row) : column.sx)}>
                      {column.cell(row)}
                    </Cell>
                  );
                });
                return open ? (
                  <ClickableRow key={rowKey(row)} label={open.label(row)} onActivate={() => open.onOpen(row)} sx={rowSx?.(row)}>
                    {cells}
                  </ClickableRow>
                ) : (
                  <TableRow key={rowKey(row)} hover={hover} sx={rowSx?.(row)}>
                    {cells}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {paging && paging.total > 0 ? (
        <Pager total={paging.total} page={paging.page} pageSize={paging.pageSize} onPage={paging.onPage} onPageSize={paging.onPageSize} />
      ) : null}
    </>
  );
  return (
    <>
      {loading !== undefined ? <LoadingBar loading={loading} label={loadingLabel} /> : null}
      {error ? <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert> : null}
      {framed ? (
        <Paper variant="outlined" id={id}>
          {content}
        </Paper>
      ) : (
        content
      )}
    </>
  );
}
