import { stringify } from 'csv-stringify/sync';
import { TelephonyContracts } from '@billing/contracts';
import { RATE_AMOUNT } from '@billing/money';
import { AMOUNT_FIELDS, INTEGER_FIELDS } from './call-rate.rules.js';

export const CSV_COLUMNS = ['id', ...TelephonyContracts.CALL_RATE_FIELDS] as const;

/**
 * A cell a spreadsheet would run as a formula (OWASP's CSV injection list), after any quotes that
 * escaped it already: that way escaping adds exactly one quote and unescaping removes exactly one,
 * so every text survives export and import unchanged, even one that starts with a quote.
 */
const FORMULA = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;

export const escapeFormula = (cell: string): string => (FORMULA.test(cell) ? `'${cell}` : cell);
export const unescapeFormula = (cell: string): string => (ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell);

/**
 * RFC 4180: a header row, CRLF line ends, fields quoted only when they must be; formulas defused.
 * A lone CR or LF is quoted too: a spreadsheet would take it for a row break, and the text after it
 * for a new row's first cell, which no escaping of the cell's start would have covered.
 */
export function toCsv(rates: TelephonyContracts.CallRate[]): string {
  return stringify(
    rates.map((rate) => CSV_COLUMNS.map((column) => escapeFormula(String(rate[column] ?? '')))),
    { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  );
}

export interface CsvRow {
  line: number;
  /** Typed as a JSON body would be, so the same rules check both. */
  body: Record<string, unknown>;
}

/** What is wrong with a header row: columns may come in any order, `id` may be absent (rows match by prefix). */
export function headerProblems(columns: readonly string[]): string[] {
  const allowed = new Set<string>(CSV_COLUMNS);
  return [
    ...columns.filter((c) => !allowed.has(c)).map((c) => `unknown column "${c}"`),
    ...TelephonyContracts.CALL_RATE_FIELDS.filter((f) => f !== 'description' && !columns.includes(f)).map((f) => `missing column "${f}"`),
  ];
}

/** One data record as a request body under the header's column names; `id` is ignored. */
export function rowBody(columns: readonly string[], record: readonly string[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  columns.forEach((column, i) => {
    if (column !== 'id') body[column] = typed(column, unescapeFormula(record[i] ?? ''));
  });
  return body;
}

function typed(column: string, text: string): unknown {
  if ((INTEGER_FIELDS as readonly string[]).includes(column)) return /^\d+$/.test(text) ? Number(text) : text;
  if ((AMOUNT_FIELDS as readonly string[]).includes(column)) return text === '' ? undefined : text;
  if (column === 'description') return text === '' ? null : text;
  return text === '' ? undefined : text;
}

/** Amounts in a CSV are the exact decimals, as in the JSON. */
export const formatAmount = (units: string) => RATE_AMOUNT.format(units);
