export * from './identity.contracts.js';
export * from './customer.contracts.js';
