// CPU seconds used by a set of processes (Linux /proc), so a scaling row can say how much of the machine a
// configuration already takes, and so what ratio the machine leaves room for. Elsewhere: undefined.
import { readdirSync, readFileSync } from 'node:fs';

/** user + system seconds of one process, from /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s). */
function cpuOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0; // exited meanwhile
  }
}

/** The process and its children (one level: a PostgreSQL server's backends). */
function family(pid: number): number[] {
  const out = [pid];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.split(') ')[1]!.split(' ')[1]) === pid) out.push(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

export type CpuMeter = { stop(): { seconds: number; cores: number } };

/**
 * Starts measuring `pids` (each with its children: backends start and end during a run, so the families are
 * re-read at the end too) and this process. Undefined where /proc is missing.
 */
export function startCpuMeter(pids: number[]): CpuMeter | undefined {
  if (process.platform !== 'linux') return undefined;
  const before = new Map<number, number>();
  for (const pid of pids.flatMap(family)) before.set(pid, cpuOf(pid));
  const self = process.cpuUsage();
  const t0 = performance.now();
  return {
    stop() {
      const elapsed = (performance.now() - t0) / 1000;
      let seconds = 0;
      for (const pid of pids.flatMap(family)) seconds += cpuOf(pid) - (before.get(pid) ?? 0);
      const mine = process.cpuUsage(self);
      seconds += (mine.user + mine.system) / 1e6;
      return { seconds, cores: seconds / elapsed };
    },
  };
}
