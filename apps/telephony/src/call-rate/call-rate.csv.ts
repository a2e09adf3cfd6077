import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { TelephonyContracts } from '@billing/contracts';
import { RATE_AMOUNT } from '@billing/money';
import { AMOUNT_FIELDS, INTEGER_FIELDS } from './call-rate.rules.js';

export const CSV_COLUMNS = ['id', ...TelephonyContracts.CALL_RATE_FIELDS] as const;

/** RFC 4180: a header row, CRLF line ends, fields quoted only when they must be. */
export function toCsv(rates: TelephonyContracts.CallRate[]): string {
  return stringify(
    rates.map((rate) => CSV_COLUMNS.map((column) => rate[column] ?? '')),
    { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows' },
  );
}

export interface CsvRow {
  line: number;
  /** Typed as a JSON body would be, so the same rules check both. */
  body: Record<string, unknown>;
}

/**
 * Reads a CSV export back. The header names the columns (any order; `id` may be absent and is
 * ignored, since rows match by prefix). Throws a message for a file that is not readable CSV.
 */
export function fromCsv(text: string): { rows: CsvRow[]; headerProblems: string[] } {
  const records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: false }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  const [header, ...data] = records;
  if (!header) return { rows: [], headerProblems: ['the file is empty: it needs a header row'] };
  const columns = header.record.map((c) => c.trim());
  const allowed = new Set<string>(CSV_COLUMNS);
  const headerProblems = [
    ...columns.filter((c) => !allowed.has(c)).map((c) => `unknown column "${c}"`),
    ...TelephonyContracts.CALL_RATE_FIELDS.filter((f) => f !== 'description' && !columns.includes(f)).map((f) => `missing column "${f}"`),
  ];
  const rows = data.map(({ record, info }) => {
    const body: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      if (column !== 'id') body[column] = typed(column, record[i] ?? '');
    });
    return { line: info.lines, body };
  });
  return { rows, headerProblems };
}

function typed(column: string, text: string): unknown {
  if ((INTEGER_FIELDS as readonly string[]).includes(column)) return /^\d+$/.test(text) ? Number(text) : text;
  if ((AMOUNT_FIELDS as readonly string[]).includes(column)) return text === '' ? undefined : text;
  if (column === 'description') return text === '' ? null : text;
  return text === '' ? undefined : text;
}

/** Amounts in a CSV are the exact decimals, as in the JSON. */
export const formatAmount = (units: string) => RATE_AMOUNT.format(units);
