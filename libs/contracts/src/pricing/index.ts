export * from './currency.contracts.js';
