/** The database keeps epoch milliseconds; the API speaks ISO 8601. */
export const toIso = (ms: number): string => new Date(ms).toISOString();
