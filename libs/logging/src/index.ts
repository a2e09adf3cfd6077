export * from './logger.js';
export * from './log-context.js';
export type { Logger } from 'pino';
