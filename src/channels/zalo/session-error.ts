/** The saved Zalo session is missing, refused or taken by another process; its message says what to do. */
export class ZaloSessionError extends Error {}
