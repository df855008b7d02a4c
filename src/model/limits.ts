// Excel specifications and limits: https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3

/** Most characters one cell holds. */
export const EXCEL_MAX_CELL_TEXT = 32_767;

/** Rows of a worksheet. */
export const EXCEL_MAX_ROWS = 1_048_576;

/** Columns of a worksheet (XFD). */
export const EXCEL_MAX_COLUMNS = 16_384;

/** Most characters of a sheet name. */
export const EXCEL_MAX_SHEET_NAME = 31;
