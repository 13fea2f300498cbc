/**
 * A failure at start that one plain sentence explains: what went wrong and what to do. `npm start`
 * prints the message alone, without a stack trace.
 */
export class StartupError extends Error {
  override name = "StartupError";
}
