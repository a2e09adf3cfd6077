export * from './currency.contracts.js';
export * from './catalogue.contracts.js';
export * from './pricing-option.contracts.js';
export * from './promo.contracts.js';
export * from './quote.contracts.js';
