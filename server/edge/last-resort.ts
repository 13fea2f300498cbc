import type express from "express";

/**
 * Errors no page handled (a failure before Remix answered): a short answer in both languages, with the
 * security headers already set, instead of Express's page naming the error.
 */
export const lastResort: express.ErrorRequestHandler = (error: unknown, _request, response, _next) => {
  const status = typeof error === "object" && error !== null && "status" in error && typeof error.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status === 500) console.error(error);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response
    .status(status)
    .type("text/plain; charset=utf-8")
    .send(status === 500 ? "Maaf, terjadi kesalahan. · Sorry, something went wrong." : "Permintaan tidak dapat diproses. · We could not process that request.");
};
