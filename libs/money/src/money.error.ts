/**
 * A value or an operation the money types refuse: an amount that is not an exact decimal, more
 * places than allowed without a rounding mode, an unknown currency. Money is a leaf library, so
 * callers turn this into their own domain exception (e.g. a ValidationException naming the field).
 */
export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Arithmetic or comparison across two currencies (or one code with two scales): always a bug or a missing conversion. */
export class CurrencyMismatchError extends MoneyError {
  constructor(
    readonly left: string,
    readonly right: string,
  ) {
    super(`Cannot combine amounts in different currencies: ${left} and ${right}`);
  }
}
