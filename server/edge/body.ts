import type { IncomingMessage } from "node:http";
import { DISCARD_BYTES } from "./budgets";

/** The error a counted body stream fails with when it passes its budget. */
export class BodyTooLargeError extends Error {
  constructor(readonly budget: number) {
    super(`Request body over its budget of ${budget} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/** The body length the client declared, if it declared one (chunked bodies do not). */
export function declaredLength(request: IncomingMessage): number | undefined {
  const header = request.headers["content-length"];
  if (header === undefined) return undefined;
  const length = Number(header);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

const discarding = new WeakSet<IncomingMessage>();

/**
 * Reads and throws away what is left of a refused body, in constant memory, so a browser still sending it
 * goes on to read the answer; past `DISCARD_BYTES` the connection is cut instead.
 */
export function discardRest(request: IncomingMessage): void {
  if (discarding.has(request) || request.complete) return;
  discarding.add(request);
  let discarded = 0;
  request.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_BYTES) request.socket.destroy();
  });
  request.resume();
}

/**
 * The whole body if it stays within `budget` bytes, counted as it arrives; null as soon as it passes the
 * budget (the rest is then discarded). For small bodies (forms) that are checked before a route sees them.
 */
export function readWithin(request: IncomingMessage, budget: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
      request.off("close", onClose);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) {
        settle(() => {
          chunks.length = 0;
          discardRest(request);
          resolve(null);
        });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks, size)));
    const onError = (error: Error) => settle(() => reject(error));
    const onClose = () => settle(() => reject(new Error("The client closed the connection before sending the whole body")));
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
    request.on("close", onClose);
  });
}

/**
 * The body as a web stream that counts bytes as they pass: past `budget` it fails with `BodyTooLargeError`
 * (and `onOverBudget` is called), and the rest of the body is discarded. Backpressure pauses the socket.
 */
export function countedBody(request: IncomingMessage, budget: number, onOverBudget: () => void): ReadableStream<Uint8Array> {
  let seen = 0;
  let open = true;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const fail = (error: Error) => {
          if (!open) return;
          open = false;
          controller.error(error);
        };
        request.on("data", (chunk: Buffer) => {
          if (!open || discarding.has(request)) return;
          seen += chunk.length;
          if (seen > budget) {
            onOverBudget();
            fail(new BodyTooLargeError(budget));
            discardRest(request);
            return;
          }
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) request.pause();
        });
        request.once("end", () => {
          if (!open) return;
          open = false;
          controller.close();
        });
        request.once("error", fail);
        request.once("close", () => {
          if (!request.complete) fail(new Error("The client closed the connection before sending the whole body"));
        });
      },
      pull() {
        request.resume();
      },
      cancel() {
        open = false;
        discardRest(request);
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}
