export * from './common.js';
export * from './constants.js';
export * from './entities.js';
export * from './errors.js';
export * from './limits.js';
export * from './rest.js';
export * from './socket.js';
export * from './widget.js';
