export * from './identity.contracts.js';
