export * from './message.js';
export * from './roles.js';
export * from './errors.js';
export * from './services.js';
export * as HealthContracts from './health/index.js';
export * as PricingContracts from './pricing/index.js';
export * as AccountsContracts from './accounts/index.js';
export * as TelephonyContracts from './telephony/index.js';
export * as AuditContracts from './audit/index.js';
