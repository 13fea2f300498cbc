import http from "node:http";

export interface LoadResult {
  requests: number;
  errors: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

/**
 * A closed-loop load: `connections` keep-alive clients each send the next request as soon as the last
 * answer is read, for `seconds`. Latencies in milliseconds. Every loop is bounded by the deadline.
 */
export async function load(url: string, options: { connections: number; seconds: number }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const once = () =>
    new Promise<void>((resolve) => {
      const begun = performance.now();
      const request = http.get(url, { agent, headers: { "Accept-Encoding": "gzip", "Accept-Language": "id" } }, (response) => {
        response.resume();
        response.on("end", () => {
          if (response.statusCode !== 200) errors++;
          latencies.push(performance.now() - begun);
          resolve();
        });
      });
      request.on("error", () => {
        errors++;
        resolve();
      });
    });
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline) await once();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    errors,
    requestsPerSecond: latencies.length / elapsed,
    p50: percentile(50),
    p95: percentile(95),
    p99: percentile(99),
  };
}

/**
 * One request at a time over one keep-alive connection, as a browser tab sends them, with the load generator's headers
 * (gzip, Indonesian): how long each answer took to be read to its end, in milliseconds. The same `node:http` client as
 * `load`, so a page's time here is the shop's, not a heavier client's (`fetch` added about 5 ms a request here).
 */
export function sequentialClient(base: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    time(path: string): Promise<number> {
      return new Promise((resolve, reject) => {
        const begun = performance.now();
        http
          .get(base + path, { agent, headers: { "Accept-Encoding": "gzip", "Accept-Language": "id" } }, (response) => {
            response.resume();
            response.on("end", () =>
              response.statusCode === 200 ? resolve(performance.now() - begun) : reject(new Error(`${path} answered ${response.statusCode}`)),
            );
          })
          .on("error", reject);
      });
    },
    close: () => agent.destroy(),
  };
}
