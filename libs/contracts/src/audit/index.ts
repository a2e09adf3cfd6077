export * from './audit.contracts.js';
