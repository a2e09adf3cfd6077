import { currencyOf, ISO_MINOR_UNITS } from './currency-units.js';

describe('currency minor units', () => {
  it('knows the ISO 4217 places of the common currencies', () => {
    const expected: Record<string, number> = {
      USD: 2,
      EUR: 2,
      GBP: 2,
      AUD: 2,
      CAD: 2,
      CHF: 2,
      CNY: 2,
      INR: 2,
      BRL: 2,
      MXN: 2,
      SEK: 2,
      NOK: 2,
      DKK: 2,
      NZD: 2,
      SGD: 2,
      HKD: 2,
      ZAR: 2,
      JPY: 0,
      KRW: 0,
      ISK: 0,
      VND: 0,
      UGX: 0,
      BHD: 3,
      KWD: 3,
      OMR: 3,
      JOD: 3,
      TND: 3,
      IQD: 3,
      LYD: 3,
      CLF: 4,
    };
    for (const [code, places] of Object.entries(expected)) expect([code, ISO_MINOR_UNITS[code]]).toEqual([code, places]);
  });

  it('resolves a code from the table, or takes explicit minor units for one it lacks', () => {
    expect(currencyOf('JPY')).toEqual({ code: 'JPY', minorUnits: 0 });
    expect(currencyOf('XTS', 3)).toEqual({ code: 'XTS', minorUnits: 3 });
    expect(currencyOf({ code: 'BHD', minorUnits: 3 })).toEqual({ code: 'BHD', minorUnits: 3 });
  });

  it('refuses unknown codes without minor units, malformed codes and impossible minor units', () => {
    expect(() => currencyOf('XTS')).toThrow('Unknown currency XTS: give its minor units');
    expect(() => currencyOf('usd')).toThrow('Currency code must be three capital letters, got "usd"');
    expect(() => currencyOf('USDT', 2)).toThrow('three capital letters');
    expect(() => currencyOf('XTS', -1)).toThrow('Minor units of XTS must be a whole number from 0 to 18, got -1');
    expect(() => currencyOf('XTS', 2.5)).toThrow('whole number');
    expect(() => currencyOf({ code: 'XTS', minorUnits: 19 })).toThrow('whole number');
  });
});
