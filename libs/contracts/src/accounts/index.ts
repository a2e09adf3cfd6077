export * from './identity.contracts.js';
export * from './customer.contracts.js';
export * from './billing-account.contracts.js';
