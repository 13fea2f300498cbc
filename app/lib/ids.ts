/** A UUID as typed in a URL or form (any case): checked before it reaches a query, so odd input is a 404. */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
