// Paging under every list, in Portuguese, with counts written the Brazilian way.
import TablePagination from '@mui/material/TablePagination';
import { COMMON_TEXT } from './common.text';

const PAGE_SIZES = [10, 25, 50, 100];

/** Paging under a table, in Portuguese, with counts written the Brazilian way (250.000). */
export function Pager({
  total,
  page,
  pageSize,
  onPage,
  onPageSize,
}: {
  total: number;
  page: number;
  pageSize: number;
  onPage(page: number): void;
  onPageSize(pageSize: number): void;
}) {
  return (
    <TablePagination
      component="div"
      count={total}
      page={total === 0 ? 0 : Math.min(page, Math.max(0, Math.ceil(total / pageSize) - 1))}
      rowsPerPage={pageSize}
      rowsPerPageOptions={PAGE_SIZES}
      onPageChange={(_, next) => onPage(next)}
      onRowsPerPageChange={(event) => onPageSize(Number(event.target.value))}
      labelRowsPerPage={COMMON_TEXT.rowsPerPage}
      labelDisplayedRows={({ from, to, count }) => COMMON_TEXT.displayedRows(from, to, count)}
    />
  );
}
