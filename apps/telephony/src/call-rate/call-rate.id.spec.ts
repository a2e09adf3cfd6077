import { decodeId, encodeId, SnowflakeIds } from './call-rate.id.js';

describe('call-rate ids', () => {
  it('reads the document example', () => {
    expect(decodeId('NzAwNTUxOTA5NzczMTQ4MTYw')).toBe('00700551909773148160');
    expect(encodeId('00700551909773148160')).toBe('NzAwNTUxOTA5NzczMTQ4MTYw');
  });

  it('makes unique, increasing ids that sort as text in time order', () => {
    const ids = new SnowflakeIds();
    const made = Array.from({ length: 10_000 }, () => ids.next());
    expect(new Set(made).size).toBe(made.length);
    expect([...made].sort()).toEqual(made);
    for (const id of made.slice(0, 10)) expect(decodeId(encodeId(id))).toBe(id);
  });

  it('refuses anything that is not one of ours', () => {
    for (const bad of ['', 'not-an-id', Buffer.from('12a').toString('base64'), Buffer.from('0123').toString('base64'), 42, null]) {
      expect(decodeId(bad)).toBeUndefined();
    }
    expect(decodeId(Buffer.from('99999999999999999999').toString('base64'))).toBeUndefined(); // over 64 bits
  });
});
