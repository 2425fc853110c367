/** The REST contract, imported by the client and the service alike: bodies, errors, routes. */
export * from './types';
export * from './problem';
export * from './json-schema';
export * from './resources';
export * from './limits';
