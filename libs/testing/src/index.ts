export * from './platform.js';
export * from './database.js';
