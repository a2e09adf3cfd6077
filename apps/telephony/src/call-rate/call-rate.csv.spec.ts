import type { TelephonyContracts } from '@billing/contracts';
import { escapeFormula, headerProblems, rowBody, toCsv, unescapeFormula } from './call-rate.csv.js';

const RATE: TelephonyContracts.CallRate = {
  id: 'NDQ=',
  prefix: '44',
  type: 'INTERNATIONAL',
  free_seconds: 0,
  grace_period: 5,
  interval_1: 60,
  interval_n: 30,
  connect_fee: '0.02',
  postcall_surcharge: '0.1',
  price_1: '0.1',
  price_n: '0.04',
  description: 'United Kingdom',
};

describe('spreadsheet formulas in CSV cells (OWASP CSV injection)', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+44', "'+44"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ["'=1", "''=1"],
    ["''+1", "'''+1"],
    ['plain', 'plain'],
    ["'quoted", "'quoted"],
    ['a=1', 'a=1'],
    ['', ''],
  ])('escapes %j as %j, and unescapes it back', (cell, escaped) => {
    expect(escapeFormula(cell)).toBe(escaped);
    expect(unescapeFormula(escaped)).toBe(cell);
  });

  it('exports no cell that starts a formula, old data with a sign in its prefix included', () => {
    const csv = toCsv([RATE, { ...RATE, prefix: '+1', description: '=HYPERLINK("http://evil.example")' }]);
    expect(csv.split('\r\n')[2]).toBe(`NDQ=,'+1,INTERNATIONAL,0,5,60,30,0.02,0.1,0.1,0.04,"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv.split('\r\n')[1]).toBe('NDQ=,44,INTERNATIONAL,0,5,60,30,0.02,0.1,0.1,0.04,United Kingdom');
  });

  it('quotes a cell with a lone line break, so no spreadsheet starts a new row (and a formula) inside it', () => {
    const csv = toCsv([
      { ...RATE, description: 'x\n=cmd' },
      { ...RATE, description: 'y\r=cmd' },
    ]);
    expect(
      csv
        .split('\r\n')
        .slice(1, 3)
        .map((line) => line.split(',').at(-1)),
    ).toEqual(['"x\n=cmd"', '"y\r=cmd"']);
  });

  it('reads an escaped cell back as it was, typed as a JSON body would be', () => {
    const columns = ['id', 'prefix', 'free_seconds', 'price_1', 'description'];
    expect(rowBody(columns, ['x', "'+1", '10', '0.5', "'=1+1"])).toEqual({
      prefix: '+1',
      free_seconds: 10,
      price_1: '0.5',
      description: '=1+1',
    });
    expect(rowBody(columns, ['x', '', 'ten', '', ''])).toEqual({
      prefix: undefined,
      free_seconds: 'ten',
      price_1: undefined,
      description: null,
    });
  });
});

describe('headerProblems', () => {
  it('names unknown and missing columns; id and description may be absent', () => {
    expect(headerProblems(['prefix', 'type', 'colour'])).toEqual([
      'unknown column "colour"',
      ...['free_seconds', 'grace_period', 'interval_1', 'interval_n', 'connect_fee', 'postcall_surcharge', 'price_1', 'price_n'].map(
        (c) => `missing column "${c}"`,
      ),
    ]);
  });
});
