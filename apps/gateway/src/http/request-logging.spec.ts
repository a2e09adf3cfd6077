import { requestId } from './request-logging.js';

describe('requestId', () => {
  it('keeps a sane client id and replaces anything else', () => {
    expect(requestId({ headers: { 'x-request-id': 'abc-123.x:y_z' } })).toBe('abc-123.x:y_z');
    for (const bad of ['has space', 'x'.repeat(129), '', 'new\nline', undefined, ['a', 'b']]) {
      expect(requestId({ headers: { 'x-request-id': bad } })).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
