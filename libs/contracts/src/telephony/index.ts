export * from './tenant-billing.contracts.js';
export * from './call-rate.contracts.js';
export * from './call-rating.contracts.js';
