/** Query key of the API token list (only the console reads it). */
export const API_TOKENS_KEY = ['api-tokens'] as const;
