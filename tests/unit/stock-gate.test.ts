import { describe, expect, it } from "vitest";
import { StockGate } from "~/modules/inventory/stock-gate.server";

function manualClock() {
  let now = 0;
  return { read: () => now, advance: (ms: number) => (now += ms) };
}

describe("the stock gate", () => {
  it("runs turns on the same variant one after another, in arrival order", async () => {
    const gate = new StockGate();
    const events: string[] = [];
    let releaseFirst!: () => void;
    const first = gate.turn(["a"], async () => {
      events.push("first starts");
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      events.push("first ends");
    });
    const second = gate.turn(["a"], async () => {
      events.push("second runs");
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(events).toEqual(["first starts"]);
    releaseFirst();
    await Promise.all([first, second]);
    expect(events).toEqual(["first starts", "first ends", "second runs"]);
  });

  it("lets turns on other variants run at the same time", async () => {
    const gate = new StockGate();
    let releaseA!: () => void;
    const a = gate.turn(["a"], () => new Promise<void>((resolve) => (releaseA = resolve)));
    await expect(gate.turn(["b"], async () => "b ran")).resolves.toBe("b ran");
    releaseA();
    await a;
  });

  it("never deadlocks carts that share variants listed in different orders", async () => {
    const gate = new StockGate();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => gate.turn(index % 2 ? ["a", "b"] : ["b", "a"], async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return index;
      })),
    );
    expect(results).toHaveLength(20);
  });

  it("frees the variant when a turn fails", async () => {
    const gate = new StockGate();
    await expect(gate.turn(["a"], async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(gate.turn(["a"], async () => "next")).resolves.toBe("next");
  });

  it("answers from stock observed after the buyer's own read, and only then", () => {
    const clock = manualClock();
    const gate = new StockGate(clock.read);
    clock.advance(10);
    const readEarlier = gate.now();
    clock.advance(10);
    gate.observe("a", 0, gate.now());
    clock.advance(10);
    const readLater = gate.now();

    expect(gate.shortSince(readEarlier, [{ variantId: "a", quantity: 1 }])).toEqual([{ variantId: "a", available: 0 }]);
    // A buyer who read the database after that observation knows better: the gate does not judge.
    expect(gate.shortSince(readLater, [{ variantId: "a", quantity: 1 }])).toEqual([]);
    // Enough left, or nothing observed: not judged short.
    gate.observe("b", 3, gate.now());
    expect(gate.shortSince(readEarlier, [{ variantId: "b", quantity: 3 }, { variantId: "c", quantity: 1 }])).toEqual([]);
    expect(gate.shortSince(readEarlier, [{ variantId: "b", quantity: 4 }])).toEqual([{ variantId: "b", available: 3 }]);
  });

  it("keeps the newest observation when an older one arrives late", () => {
    const clock = manualClock();
    const gate = new StockGate(clock.read);
    gate.observe("a", 5, 20);
    gate.observe("a", 0, 10);
    expect(gate.shortSince(0, [{ variantId: "a", quantity: 1 }])).toEqual([]);
  });
});
