import type ExcelJS from "exceljs";

/**
 * A new spreadsheet. exceljs is loaded on the first export, not when the server starts: it is
 * the largest library of the server (about 17 MB of memory) and most processes never write a
 * spreadsheet (docs/performance.md).
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import("exceljs");
  return new Excel.Workbook();
}
