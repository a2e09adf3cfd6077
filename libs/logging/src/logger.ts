import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { currentLogContext } from './log-context.js';

/** Anything that could hold a credential is replaced before a line is written. */
const REDACT = [
  'password',
  '*.password',
  '*.*.password',
  'passwordHash',
  '*.passwordHash',
  'access_token',
  '*.access_token',
  'token',
  'req.headers.authorization',
  'req.headers["x-auth-token"]',
  'req.headers.cookie',
];

export function createLogger(name: string, level: string, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    name,
    level,
    base: { app: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT, censor: '[redacted]' },
    // The request being handled (its id and tenant) goes on every line, whoever writes it, unless a
    // child logger already binds the field (a key written twice would make the line ambiguous). A
    // copy, because pino merges the line's own fields into the object the mixin returns.
    mixin: (_line, _level, logger) => {
      const context = currentLogContext();
      if (context.requestId === undefined && context.tenant === undefined) return {};
      const bound = logger.bindings();
      return Object.fromEntries(Object.entries(context).filter(([key]) => !(key in bound)));
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Lets Nest's own messages (boot, routes, shutdown) go through the same JSON logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
  fatal(message: unknown, context?: string): void {
    this.logger.fatal({ context }, String(message));
  }
}
