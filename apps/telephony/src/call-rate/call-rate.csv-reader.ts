import { parse } from 'csv-parse/sync';

/**
 * Where a CSV file read in parts stands between two parts. Plain data, so it can be kept in the
 * database between two requests that different replicas may serve.
 */
export interface CsvReaderState {
  /** The header record as it stood in the file, its line break included; null until it has come whole. */
  header: string | null;
  /** The line on which data records start after the header, and the line on which `carry` starts. */
  firstLine: number;
  nextLine: number;
  /** The start of a record whose end has not come yet. */
  carry: string;
}

export const NEW_CSV_READER: CsvReaderState = { header: null, firstLine: 1, nextLine: 1, carry: '' };

export interface CsvRecord {
  /** The line in the whole file, as a parse of the whole file would number it. */
  line: number;
  record: string[];
}

export interface CsvRead {
  state: CsvReaderState;
  /** The header's column names; null while the header has not come, or when the file has none. */
  columns: string[] | null;
  records: CsvRecord[];
}

/** A record longer than any valid one could be by far: past it, a quote was left open. */
export const MAX_RECORD_CHARS = 65_536;

/** The file is not CSV; the message says where. */
export class UnreadableCsv extends Error {}

/**
 * Reads the next part of a CSV file: every record that ended in it, numbered by its line in the
 * whole file, and the state to read the next part with. With `final`, the part ends the file.
 *
 * Each call parses only the header and this part's whole records, then moves every line number
 * (those in the parser's own error messages too) by the lines of the file before these records, so
 * each is the whole file's. A last record of the header's width, after the part's records, shows
 * where the next part starts counting: the parser's own count, blank lines and line breaks inside
 * quotes included.
 */
export function readCsv(state: CsvReaderState, part: string, final: boolean): CsvRead {
  let buffer = state.carry + part;
  let { header, firstLine, nextLine } = state;
  if (header === null) {
    const end = headerEnd(buffer, final);
    if (end === undefined && !final) return { state: { ...state, carry: bounded(buffer, 1) }, columns: null, records: [] };
    header = buffer.slice(0, end ?? buffer.length);
    buffer = buffer.slice(header.length);
    const columns = columnsOf(header);
    const delimiter = lineBreakOf(header);
    if (columns && delimiter) firstLine = nextLine = lineAfter(header, columns.length, delimiter);
  }
  const columns = columnsOf(header);
  if (!columns) return { state: { header, firstLine, nextLine, carry: '' }, columns: null, records: [] };

  // Only a final part can hold a header without a line break, and then nothing follows it.
  const delimiter = lineBreakOf(header) ?? '';
  const shift = nextLine - firstLine;
  if (final) {
    return { state: { header, firstLine, nextLine, carry: '' }, columns, records: parseRecords(header + buffer, shift).slice(1) };
  }
  const cut = lastRecordEnd(buffer, delimiter);
  const records = parseRecords(header + buffer.slice(0, cut) + marker(columns.length, delimiter), shift).slice(1);
  nextLine = records.pop()!.line;
  return { state: { header, firstLine, nextLine, carry: bounded(buffer.slice(cut), nextLine) }, columns, records };
}

/** The records of a text that stands `shift` lines further down in the file (after its header). */
function parseRecords(text: string, shift = 0): CsvRecord[] {
  try {
    const parsed = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: false }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return parsed.map(({ record, info }) => ({ line: info.lines + shift, record }));
  } catch (error) {
    throw new UnreadableCsv(shiftedMessage(error, shift));
  }
}

/** The parser's message names the line where it stopped, first thing after its fixed words. */
function shiftedMessage(error: unknown, shift: number): string {
  if (!(error instanceof Error)) return String(error);
  const lines = (error as { lines?: unknown }).lines;
  return typeof lines === 'number' ? error.message.replace(`line ${lines}`, `line ${lines + shift}`) : error.message;
}

function columnsOf(header: string): string[] | null {
  const [first] = parseRecords(header);
  return first ? first.record.map((c) => c.trim()) : null;
}

/** The line a record right after the header would be on, as the parser counts. */
function lineAfter(header: string, width: number, delimiter: string): number {
  return parseRecords(header + marker(width, delimiter)).pop()!.line;
}

const marker = (width: number, delimiter: string) => `${Array(width).fill('x').join(',')}${delimiter}`;

/** The parser takes the first line break as the file's; the header's own is that one. */
function lineBreakOf(header: string): string | undefined {
  return ['\r\n', '\n', '\r'].find((lineBreak) => header.endsWith(lineBreak));
}

/**
 * Where the header record ends (after its line break), skipping blank lines before it; undefined
 * while it has not ended. A CR at the very end may be the first half of a CRLF: wait for more.
 */
function headerEnd(buffer: string, final: boolean): number | undefined {
  let quoted = false;
  let content = false;
  for (let i = 0; i < buffer.length; i++) {
    const c = buffer[i];
    if (i === 0 && c === '\uFEFF') continue;
    if (c === '"') quoted = !quoted;
    if (quoted || (c !== '\r' && c !== '\n')) {
      content = true;
      continue;
    }
    if (!content) continue;
    if (c === '\n') return i + 1;
    if (i + 1 < buffer.length) return buffer[i + 1] === '\n' ? i + 2 : i + 1;
    return final ? i + 1 : undefined;
  }
  return undefined;
}

/**
 * Where the last whole record ends: just after the last line break outside quotes. In valid CSV a
 * quote only opens or closes a field, and an escaped quote ("") flips twice, so counting flips is
 * enough; invalid quoting fails the parse of the part that holds it whatever the cut.
 */
function lastRecordEnd(buffer: string, delimiter: string): number {
  let quoted = false;
  let end = 0;
  for (let i = 0; i < buffer.length; i++) {
    const c = buffer[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === delimiter[0] && buffer.startsWith(delimiter, i)) {
      end = i + delimiter.length;
      i = end - 1;
    }
  }
  return end;
}

function bounded(carry: string, line: number): string {
  if (carry.length > MAX_RECORD_CHARS) {
    throw new UnreadableCsv(`the record at line ${line} is longer than ${MAX_RECORD_CHARS} characters (is a quote left open?)`);
  }
  return carry;
}
