import { TelephonyErrorCode, DomainException } from '@billing/contracts';

export class CallRateException extends DomainException<TelephonyErrorCode> {}

export const callRateNotFound = (id: unknown) =>
  new CallRateException(TelephonyErrorCode.CallRateNotFound, `Call rate ${String(id).slice(0, 64)} not found`);

export const prefixTaken = (prefix: string) =>
  new CallRateException(TelephonyErrorCode.PrefixTaken, `A call rate with prefix "${prefix}" already exists`, { prefix });

/**
 * An import's reply lists at most this many problems, of at most this many bytes once JSON-encoded
 * (the list travels twice: in the message and in the details), so it always fits one NATS message.
 */
export const LISTED_PROBLEMS = 1_000;
export const LISTED_BYTES = 300_000;
const PROBLEM_CHARS = 1_000;

/**
 * A rejected import: the first problems (each cut to a readable length) and how many there are in
 * all. Whatever the file, the reply stays well under NATS's 1 MB message limit (a reply over it is
 * never delivered, and the client would see a timeout instead of its 400).
 */
export function importRejected(problems: readonly string[], total = problems.length): CallRateException {
  const listed: string[] = [];
  let bytes = 0;
  for (const problem of problems) {
    const shown = problem.length > PROBLEM_CHARS ? `${problem.slice(0, PROBLEM_CHARS)}…` : problem;
    const size = Buffer.byteLength(JSON.stringify(shown)) + 3;
    if (listed.length === LISTED_PROBLEMS || bytes + size > LISTED_BYTES) break;
    listed.push(shown);
    bytes += size;
  }
  const unlisted = total - listed.length;
  const more = unlisted > 0 ? ` | and ${unlisted} more problems` : '';
  return new CallRateException(TelephonyErrorCode.ImportRejected, `Import rejected, nothing was written: ${listed.join(' | ')}${more}`, {
    problems: listed,
    problemCount: total,
  });
}
