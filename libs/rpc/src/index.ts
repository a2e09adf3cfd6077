export * from './domain.exception.js';
export * from './rpc-exception.filter.js';
export * from './subject.js';
export * from './namespaced-nats.server.js';
export * from './service-bootstrap.js';
export * from './caller.js';
export * from './query-parameters.js';
