import { describe, expect, it } from "vitest";
import { blockingOf, isModuleScriptTask, type SimulatedTask } from "../../bench/lighthouse-blocking";

const task = (start: number, end: number, ...events: SimulatedTask["events"]): SimulatedTask => ({ start, end, events });

describe("the bench's split of Lighthouse's blocking time", () => {
  it("tells the page's module scripts from the document's own work", () => {
    expect(isModuleScriptTask(task(0, 1, { name: "v8.evaluateModule" }))).toBe(true);
    expect(
      isModuleScriptTask(
        task(0, 1, {
          name: "ScriptCatchup",
          url: "http://shop.test/assets/shop-Dp9YX_f8.js",
        }),
      ),
    ).toBe(true);
    expect(
      isModuleScriptTask(
        task(0, 1, {
          name: "FunctionCall",
          url: "http://shop.test/assets/shop-Dp9YX_f8.js",
        }),
      ),
    ).toBe(true);
    // The parser's work, the dictionary script, inline scripts and photos are the document's.
    expect(isModuleScriptTask(task(0, 1, { name: "ParseHTML" }, { name: "Layout" }))).toBe(false);
    expect(
      isModuleScriptTask(
        task(0, 1, {
          name: "EvaluateScript",
          url: "http://shop.test/i18n/id.shop.6f3c27d243ad.js",
        }),
      ),
    ).toBe(false);
    expect(
      isModuleScriptTask(
        task(0, 1, {
          name: "EvaluateScript",
          url: "http://shop.test/c/keripik",
        }),
      ),
    ).toBe(false);
    expect(isModuleScriptTask(task(0, 1, { name: "ParseHTML" }, { name: "ScriptCatchup", url: "http://shop.test/c/keripik" }))).toBe(false);
    expect(isModuleScriptTask(task(0, 1, { name: "DocumentLoader::CommitNavigation" }, { name: "ScriptCatchup" }))).toBe(false);
    expect(
      isModuleScriptTask(
        task(0, 1, {
          name: "ResourceReceiveResponse",
          url: "http://shop.test/media/a/b/w480",
        }),
      ),
    ).toBe(false);
    expect(
      isModuleScriptTask(
        task(
          0,
          1,
          { name: "Layout" },
          {
            name: "ResourceFinish",
            url: "http://shop.test/assets/shop-Dp9YX_f8.js",
          },
        ),
      ),
    ).toBe(false);
  });

  it("counts each task's part between FCP and TTI beyond 50 ms, as Lighthouse does", () => {
    const tasks = [
      task(900, 1100, { name: "DocumentLoader::CommitNavigation" }), // 100 ms after FCP at 1000: 50 counted
      task(1100, 1140, { name: "ParseHTML" }), // 40 ms: none
      task(1200, 1297, { name: "v8.evaluateModule" }), // 97 ms: 47
      task(1300, 1376, {
        name: "FunctionCall",
        url: "http://shop.test/assets/root-x.js",
      }), // 76 ms: 26
      task(1950, 2100, { name: "Layout" }), // 50 ms before TTI at 2000: none
      task(2100, 2300, { name: "Paint" }), // after TTI: none
    ];
    expect(blockingOf(tasks, 1000, 2000)).toEqual({
      document: 50,
      scripts: 73,
    });
    expect(blockingOf(tasks, 2000, 1000)).toEqual({ document: 0, scripts: 0 });
  });
});
