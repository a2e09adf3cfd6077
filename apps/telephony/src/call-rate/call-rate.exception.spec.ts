import { TelephonyErrorCode } from '@billing/contracts';
import { importRejected, LISTED_BYTES, LISTED_PROBLEMS } from './call-rate.exception.js';

describe('importRejected', () => {
  it('lists every problem of a short list, with the count', () => {
    const rejected = importRejected(['line 2: bad', 'line 3: worse']);
    expect(rejected.code).toBe(TelephonyErrorCode.ImportRejected);
    expect(rejected.message).toBe('Import rejected, nothing was written: line 2: bad | line 3: worse');
    expect(rejected.details).toEqual({ problems: ['line 2: bad', 'line 3: worse'], problemCount: 2 });
  });

  it('lists the first 1,000 of many and counts the rest', () => {
    const problems = Array.from({ length: 20_000 }, (_, i) => `line ${i + 2}: type must be one of LOCAL, NATIONAL, INTERNATIONAL, MOBILE`);
    const rejected = importRejected(problems.slice(0, LISTED_PROBLEMS), 20_000);
    expect(rejected.details).toEqual({ problems: problems.slice(0, LISTED_PROBLEMS), problemCount: 20_000 });
    expect(rejected.message).toMatch(/^Import rejected, nothing was written: line 2: .* \| and 19000 more problems$/);
  });

  it('keeps the reply far under a NATS message however long or odd the problems are', () => {
    const long = Array.from({ length: 5_000 }, () => `unknown column "${'\u0001'.repeat(50_000)}"`);
    const payload = JSON.stringify(importRejected(long, 5_000).toPayload());
    expect(Buffer.byteLength(payload)).toBeLessThan(2 * LISTED_BYTES + 1_000);
    expect(Buffer.byteLength(payload)).toBeLessThan(700_000);
  });
});
