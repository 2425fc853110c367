/** The provider's version: the filesystem mirror path and the user agent carry it. */
export const VERSION = '0.1.0';
