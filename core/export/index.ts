/**
 * Downloads of the gap list. columns.ts is the one source of truth for the fields (keys, Vietnamese
 * and English headers, meanings); text.ts writes CSV, GeoJSON and KML, xlsx.ts the Excel workbook.
 * The GeoPackage writer needs SQLite and lives in server/export/gpkg.ts.
 */
export { GAP_COLUMNS, TOTAL_COLUMNS, gapRows, communeTotals, gapColumnsMarkdown, type GapColumn, type CellValue, type CommuneTotal, type Lang } from './columns';
export { BOM, CSV_CODES, toCsv, toGeoJson, toKml, xmlEscape, KML_REASON_STYLE, type CsvCodes } from './text';
export { flatName, gapFeature, gapFlatProperties, siteFlatProperties, GAP_FLAT_FIELDS, SITE_FLAT_FIELDS, type FlatField } from './flat';
export { toXlsx, workbookXlsx, columnLetter, XLSX_BOOLEAN_WORDS, XLSX_SHEETS, type XlsxSheet } from './xlsx';
export { tableCsv, tableGeoJson, tableKml, type TableColumn } from './table';
export { WORK_ORDER_COLUMNS, workOrderRows, type WorkOrder } from './workOrders';
