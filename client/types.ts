/** JSON shapes of the REST API: the contract lives in model/api/; re-exported for the client's users. */
export * from '../model/api/types';
