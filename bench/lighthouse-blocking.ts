/**
 * Where a Lighthouse run's Total Blocking Time comes from: the document's own loading (the navigation's commit, the
 * HTML parser, style, layout, paint, inline and parser-inserted scripts) or the page's module scripts (linking,
 * evaluation, hydration), so a regression in either shows in the bench's numbers (decision 56).
 *
 * Lighthouse's default preset simulates TBT: every main-thread task of the load, four times as long, scheduled after
 * what it waited for, counted from the simulated FCP to the simulated TTI, for each part of a task beyond 50 ms; the
 * reported figure is the mean of an optimistic and a pessimistic simulation. The split repeats that sum over the
 * same simulated tasks (Lighthouse's own `LanternTotalBlockingTime`, from the run's artifacts), task by task.
 */

/** Milliseconds of simulated TBT from each source; they add up to the TBT Lighthouse reports. */
export interface BlockingSplit {
  document: number;
  scripts: number;
}

/** A simulated main-thread task: when it ran in the simulation, and the trace events inside it. */
export interface SimulatedTask {
  start: number;
  end: number;
  events: { name: string; url?: string }[];
}

/** Lighthouse's rule: a task counts for its part after FCP and before TTI beyond 50 ms. */
const BLOCKING_THRESHOLD_MS = 50;

/**
 * Events that only module scripts make: a module compiled or evaluated. (Every script, inline ones too, is also
 * reported to the trace as `ScriptCatchup`: that one counts by its URL.)
 */
const moduleEvents = new Set(["v8.compileModule", "v8.evaluateModule"]);

/**
 * Whether a task is the page's module scripts' work: it links, compiles or evaluates a module, or runs code from one.
 * The shop's modules are the only module scripts, served from `/assets/`; the dictionary and the inline scripts are
 * classic scripts the parser runs, so they count with the document, and so does a task that only sends or receives a
 * module's bytes.
 */
export function isModuleScriptTask(task: SimulatedTask): boolean {
  return task.events.some(
    (event) =>
      moduleEvents.has(event.name) || (!event.name.startsWith("Resource") && event.url !== undefined && /\/assets\/[^/?#]+\.js(?:$|[?#])/.test(event.url)),
  );
}

/** One simulation's blocking time, split by source. */
export function blockingOf(tasks: SimulatedTask[], fcp: number, tti: number): BlockingSplit {
  const split: BlockingSplit = { document: 0, scripts: 0 };
  if (tti <= fcp) return split;
  for (const task of tasks) {
    const counted = Math.min(task.end, tti) - Math.max(task.start, fcp);
    if (counted < BLOCKING_THRESHOLD_MS) continue;
    split[isModuleScriptTask(task) ? "scripts" : "document"] += counted - BLOCKING_THRESHOLD_MS;
  }
  return split;
}

interface LanternEstimate {
  timeInMs: number;
  nodeTimings: Map<{ type: string; childEvents?: TraceEvent[] }, { startTime: number; endTime: number }>;
}
interface LanternResult {
  optimisticEstimate: LanternEstimate;
  pessimisticEstimate: LanternEstimate;
}
interface TraceEvent {
  name: string;
  args?: { data?: { url?: string }; fileName?: string };
}
type LanternMetric = {
  request(data: object, context: object): Promise<LanternResult>;
};

/**
 * The split of one run, from what `lighthouse()` returned (its `artifacts` and `lhr.configSettings`). Uses
 * Lighthouse's internal Lantern modules (12.x layout); answers nothing when they cannot be loaded or read.
 */
export async function blockingSplit(
  lighthouseModule: string,
  result: { artifacts?: unknown; lhr: { configSettings?: unknown } },
): Promise<BlockingSplit | undefined> {
  try {
    const metric = async (file: string, exported: string) =>
      ((await import(`${lighthouseModule}/core/computed/metrics/${file}`)) as Record<string, LanternMetric>)[exported]!;
    const [fcpMetric, ttiMetric, tbtMetric] = await Promise.all([
      metric("lantern-first-contentful-paint.js", "LanternFirstContentfulPaint"),
      metric("lantern-interactive.js", "LanternInteractive"),
      metric("lantern-total-blocking-time.js", "LanternTotalBlockingTime"),
    ]);
    const artifacts = result.artifacts as Record<string, unknown>;
    const settings = result.lhr.configSettings;
    const context = { computedCache: new Map(), settings };
    const data = {
      trace: artifacts.Trace,
      devtoolsLog: artifacts.DevtoolsLog,
      gatherContext: artifacts.GatherContext,
      settings,
      URL: artifacts.URL,
      SourceMaps: artifacts.SourceMaps,
      simulator: null,
    };
    const [fcp, tti, tbt] = await Promise.all([fcpMetric.request(data, context), ttiMetric.request(data, context), tbtMetric.request(data, context)]);
    const tasks = (estimate: LanternEstimate): SimulatedTask[] =>
      [...estimate.nodeTimings.entries()]
        .filter(([node]) => node.type === "cpu")
        .map(([node, timing]) => ({
          start: timing.startTime,
          end: timing.endTime,
          events: (node.childEvents ?? []).map((event) => ({
            name: event.name,
            url: event.args?.data?.url ?? event.args?.fileName,
          })),
        }));
    // As Lighthouse pairs them: the optimistic TBT runs from the pessimistic FCP to the optimistic TTI, and the reverse.
    const optimistic = blockingOf(tasks(tbt.optimisticEstimate), fcp.pessimisticEstimate.timeInMs, tti.optimisticEstimate.timeInMs);
    const pessimistic = blockingOf(tasks(tbt.pessimisticEstimate), fcp.optimisticEstimate.timeInMs, tti.pessimisticEstimate.timeInMs);
    return {
      document: (optimistic.document + pessimistic.document) / 2,
      scripts: (optimistic.scripts + pessimistic.scripts) / 2,
    };
  } catch {
    return undefined;
  }
}
