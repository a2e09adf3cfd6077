import { randomInt } from 'node:crypto';

/** 2020-01-01T00:00:00Z: the snowflakes' time origin. */
const EPOCH_MS = 1_577_836_800_000n;

/**
 * Time-ordered 64-bit ids: 41 bits of milliseconds, 10 bits of worker (random per process, so
 * replicas rarely share one; the primary key catches the rest), 12 bits of sequence.
 */
export class SnowflakeIds {
  private readonly worker = BigInt(randomInt(1024));
  private lastMs = 0n;
  private sequence = 0n;

  next(): string {
    let now = BigInt(Date.now()) - EPOCH_MS;
    if (now < this.lastMs) now = this.lastMs; // the clock stepped back: keep ids increasing
    if (now === this.lastMs) {
      this.sequence = (this.sequence + 1n) & 4095n;
      if (this.sequence === 0n) now = this.lastMs + 1n; // 4096 in one millisecond: borrow the next one
    } else {
      this.sequence = 0n;
    }
    this.lastMs = now;
    return ((now << 22n) | (this.worker << 12n) | this.sequence).toString().padStart(20, '0');
  }
}

/** The document's id form: base64 of the decimal digits ("NzAwNTUxOTA5NzczMTQ4MTYw"). */
export function encodeId(stored: string): string {
  return Buffer.from(stored.replace(/^0+/, ''), 'ascii').toString('base64');
}

/** The stored (padded) id behind an API id, or undefined when the id is not one of ours. */
export function decodeId(id: unknown): string | undefined {
  if (typeof id !== 'string' || !/^[A-Za-z0-9+/]{4,40}={0,2}$/.test(id)) return undefined;
  const digits = Buffer.from(id, 'base64').toString('ascii');
  if (!/^[1-9]\d{0,19}$/.test(digits) || BigInt(digits) >= 2n ** 64n) return undefined;
  return encodeId(digits) === id ? digits.padStart(20, '0') : undefined;
}
