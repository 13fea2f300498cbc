import fs from "node:fs";

/**
 * CPU seconds used so far by a process tree, from Linux's /proc (user + system). Where /proc is missing the
 * figures are null and the benches print "n/a": they are there to show where a burst's time goes, not to pass.
 */
export function cpuSecondsOfTree(rootPid: number, except: number[] = []): number | null {
  if (!fs.existsSync("/proc/self/stat")) return null;
  const processes = new Map<number, { ppid: number; seconds: number }>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // After the command: state(0) ppid(1) … utime(11) stime(12), in clock ticks (100 a second on Linux).
      processes.set(Number(entry), { ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / 100 });
    } catch {
      // the process ended while we read
    }
  }
  const skipped = new Set(except);
  let total = 0;
  const visit = (pid: number) => {
    if (skipped.has(pid)) return;
    total += processes.get(pid)?.seconds ?? 0;
    for (const [child, { ppid }] of processes) if (ppid === pid) visit(child);
  };
  visit(rootPid);
  return total;
}

/** CPU seconds the whole machine has been busy (every process, user + system + interrupts), from /proc/stat; null where it is missing. */
export function machineBusySeconds(): number | null {
  if (!fs.existsSync("/proc/stat")) return null;
  const [, ...fields] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal …, in clock ticks (100 a second on Linux).
  const ticks = fields.map(Number);
  const busy = ticks[0]! + ticks[1]! + ticks[2]! + ticks[5]! + ticks[6]!;
  return busy / 100;
}
