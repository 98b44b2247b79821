/** A customer rated a conversation, or changed their rating; payload `{ rating: CsatRecord }`. */
export const CSAT_RATED = 'csat.rated';
