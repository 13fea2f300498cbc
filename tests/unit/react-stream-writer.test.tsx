import { createRequire } from "node:module";
import path from "node:path";
import { Writable } from "node:stream";
import { createElement, type ReactNode } from "react";
import { describe, expect, it } from "vitest";

/*
 * patches/react-dom+18.3.1.patch (decision 47) copies short chunks into React's 2 KB views byte by byte, and keeps
 * React from sending a view's unwritten bytes (NUL characters) when a character does not fit its end. The server runs
 * React's production build, which tests do not load by default (NODE_ENV is "test"), so both builds are required
 * here by their files: each one's stream must carry the same bytes as React's string renderer, whatever the chunks'
 * lengths, wherever a character beyond ASCII falls and wherever a view fills up.
 */
const require = createRequire(import.meta.url);
const reactDom = path.dirname(require.resolve("react-dom"));
type Server = typeof import("react-dom/server");
const builds: [string, Server][] = [
  ["production", require(path.join(reactDom, "cjs/react-dom-server.node.production.min.js")) as Server],
  ["development", require(path.join(reactDom, "cjs/react-dom-server.node.development.js")) as Server],
];
const strings = require(path.join(reactDom, "cjs/react-dom-server-legacy.node.production.min.js")) as Server;

function streamed(streaming: Server, node: ReactNode): Promise<string> {
  return new Promise((resolve, reject) => {
    const pieces: Buffer[] = [];
    const sink = new Writable({
      write(piece: Buffer, _encoding, callback) {
        pieces.push(piece);
        callback();
      },
    });
    sink.on("finish", () => resolve(Buffer.concat(pieces).toString("utf8")));
    const { pipe } = streaming.renderToPipeableStream(node, { onAllReady: () => pipe(sink), onShellError: reject });
  });
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function randomFrom(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const beyondAscii = ["é", "ü", "·", "“", "Rp ", "→", "🌶", "漢"];

function text(random: () => number): string {
  const length = Math.floor(random() ** 3 * 400);
  let out = "";
  while (out.length < length) {
    out += random() < 0.03 ? beyondAscii[Math.floor(random() * beyondAscii.length)] : String.fromCharCode(32 + Math.floor(random() * 95));
  }
  return out;
}

function tree(random: () => number, depth: number): ReactNode[] {
  return Array.from({ length: 1 + Math.floor(random() * 6) }, (_, index) => {
    if (depth > 3 || random() < 0.3) return text(random);
    const props = { key: index, className: text(random), title: random() < 0.5 ? text(random) : undefined, "data-n": index };
    return createElement(random() < 0.5 ? "div" : "span", props, ...tree(random, depth + 1));
  });
}

describe.each(builds)("React's stream writer (%s build, patched)", (_name, streaming) => {
  it("writes the same page as React's string renderer", async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const page = createElement("main", null, ...tree(randomFrom(seed), 0));
      expect(await streamed(streaming, page), `seed ${seed}`).toBe(strings.renderToString(page));
    }
  });

  it("writes chunks that straddle a full view, and long ones, whole", async () => {
    for (const before of [2040, 2046, 2047, 2048, 2049, 4090]) {
      const page = createElement("p", { title: "x".repeat(before) }, "é".repeat(3), "a".repeat(255), "b".repeat(256), "c".repeat(257), "漢".repeat(700));
      expect(await streamed(streaming, page), `${before} bytes first`).toBe(strings.renderToString(page));
    }
  });
});
