import { parse } from 'csv-parse/sync';
import { MAX_RECORD_CHARS, NEW_CSV_READER, readCsv, UnreadableCsv, type CsvRecord } from './call-rate.csv-reader.js';

/** What one parse of the whole file gives: the reference every way of cutting it must match. */
function wholeFile(text: string): CsvRecord[] {
  const parsed = parse(text, { bom: true, info: true, skip_empty_lines: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  return parsed.slice(1).map(({ record, info }) => ({ line: info.lines, record }));
}

/** Reads the file cut at the given offsets, as parts then a final empty read (as a commit does). */
function inParts(text: string, cuts: number[]): { columns: string[] | null; records: CsvRecord[] } {
  let state = NEW_CSV_READER;
  let columns: string[] | null = null;
  const records: CsvRecord[] = [];
  const bounds = [0, ...cuts, text.length];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const read = readCsv(state, text.slice(bounds[i], bounds[i + 1]), false);
    state = read.state;
    records.push(...read.records);
    columns = read.columns ?? columns;
  }
  const last = readCsv(state, '', true);
  records.push(...last.records);
  return { columns: last.columns ?? columns, records };
}

const FILES: Record<string, string> = {
  crlf: 'prefix,type,description\r\n1,LOCAL,one\r\n2,LOCAL,"two, quoted"\r\n3,MOBILE,\r\n',
  lf: 'prefix,type\n1,LOCAL\n2,MOBILE\n',
  cr: 'prefix,type\r1,LOCAL\r2,MOBILE\r',
  'quoted line breaks and quotes': 'prefix,description\r\n1,"a\r\nb"\r\n2,"say ""hi""\nthere"\r\n3,"x\ry"\r\n4,end\r\n',
  'blank lines, a BOM and no final line break': '\uFEFFprefix,type\r\n\r\n1,LOCAL\r\n\r\n\r\n2,MOBILE\r\n\r\n3,LOCAL',
  'blank lines before the header': '\r\n\r\nprefix,type\r\n1,LOCAL\r\n',
  'a header only': 'prefix,type\r\n',
};

describe('readCsv: a file read in parts reads as the whole file does', () => {
  it.each(Object.entries(FILES))('%s, cut at every single point', (_name, text) => {
    const expected = wholeFile(text);
    for (let cut = 0; cut <= text.length; cut++) {
      expect({ cut, ...inParts(text, [cut]) }).toEqual({ cut, columns: expect.any(Array), records: expected });
    }
  });

  it.each(Object.entries(FILES))('%s, cut into one-character parts', (_name, text) => {
    const cuts = Array.from({ length: text.length - 1 }, (_, i) => i + 1);
    expect(inParts(text, cuts).records).toEqual(wholeFile(text));
  });

  it('numbers the lines of a large file cut at random exactly as the whole file', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? `${i},"multi\r\nline ""${i}"""` : `${i},plain ${i}`));
    const text = `prefix,description\r\n${rows.join('\r\n')}\r\n\r\n`;
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const cuts = Array.from({ length: 40 }, () => Math.floor(random() * text.length)).sort((a, b) => a - b);
    const { records } = inParts(text, cuts);
    expect(records).toEqual(wholeFile(text));
    expect(records).toHaveLength(3000);
  });

  it('trims the column names and has none for an empty file', () => {
    expect(inParts(' prefix , type \r\n1,LOCAL\r\n', [5]).columns).toEqual(['prefix', 'type']);
    expect(inParts('', []).columns).toBeNull();
    expect(inParts('\r\n\r\n', [1]).columns).toBeNull();
    expect(inParts('colour', [3])).toEqual({ columns: ['colour'], records: [] });
  });

  it.each([
    [
      'an unterminated quote',
      'prefix,type\r\n1,LOCAL\r\n"unterminated',
      'Quote Not Closed: the parsing is finished with an opening quote at line 3',
    ],
    [
      'a record of the wrong width',
      'prefix,type\r\n1,LOCAL\r\n2,LOCAL,extra\r\n3,LOCAL\r\n',
      'Invalid Record Length: expect 2, got 3 on line 3',
    ],
  ])("refuses %s with the parser's own message and the whole file's line", (_name, text, message) => {
    for (const cut of [0, 5, 15, 20, text.length - 2]) {
      expect(() => inParts(text, [cut])).toThrow(new UnreadableCsv(message));
    }
    expect(() => readCsv(NEW_CSV_READER, text, true)).toThrow(message);
  });

  it('refuses a record longer than any valid one as soon as its part has come, naming its line', () => {
    const start = readCsv(NEW_CSV_READER, 'prefix,description\r\n1,one\r\n2,"open', false).state;
    expect(() => readCsv(start, 'x'.repeat(MAX_RECORD_CHARS), false)).toThrow('the record at line 3 is longer than 65536 characters');
  });
});
