import type http from "node:http";

/** Starts a test's HTTP server on this machine only (port 0: any free one); rejects if it cannot listen. */
export async function listenLocally(server: http.Server, port = 0): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
}

/** Stops a test's HTTP server now, keep-alive connections included, so a run never waits on it. */
export async function closeNow(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
