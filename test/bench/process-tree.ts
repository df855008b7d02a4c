// Whole-process measurement for the benchmarks: `lmc` reads each file in a child process it does not wait for, so the
// rusage of the command alone (what /usr/bin/time reports) leaves the reader's memory and CPU out. This samples the
// whole tree instead.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * What one run of a process tree cost: wall seconds, the peak of its summed RSS (KB), the peak of its summed PSS (KB),
 * and the CPU seconds of all its processes.
 */
export interface TreeCost {
  s: number;
  rssKb: number;
  /**
   * Summed RSS counts a page shared by several processes (Node's own code, mapped by every Node process) once per
   * process; PSS divides it among them, so the tree's PSS is the memory it actually occupies. NaN where not readable.
   */
  pssKb: number;
  cpu: number;
  out: string;
}

const SAMPLE_MS = 20;

/** True where the tree can be sampled (Linux /proc with the children lists). */
export const canSampleTree = existsSync(`/proc/${process.pid}/task/${process.pid}/children`);

let units: { pageKb: number; ticks: number } | undefined;
function sysUnits(): { pageKb: number; ticks: number } {
  units ??= {
    pageKb: Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' })) / 1024,
    ticks: Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })),
  };
  return units;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // The process ended between listing and reading.
    return undefined;
  }
}

/** `pid` and all its descendants (children of every thread). */
function tree(pid: number): number[] {
  const out: number[] = [];
  const todo = [pid];
  while (todo.length > 0) {
    const p = todo.pop()!;
    out.push(p);
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const t of tasks) {
      const kids = read(`/proc/${p}/task/${t}/children`);
      if (kids) for (const k of kids.trim().split(/\s+/)) if (k) todo.push(Number(k));
    }
  }
  return out;
}

/** The proportional set size of a process (KB), from /proc/<pid>/smaps_rollup; undefined when not readable. */
function pss(pid: number): number | undefined {
  const s = read(`/proc/${pid}/smaps_rollup`);
  const m = s ? /^Pss:\s+(\d+) kB/m.exec(s) : null;
  return m ? Number(m[1]) : undefined;
}

/** utime + stime (ticks) and RSS (pages) of a process, from /proc/<pid>/stat. */
function stat(pid: number): { ticks: number; rss: number } | undefined {
  const s = read(`/proc/${pid}/stat`);
  if (!s) return undefined;
  // Fields after the command name (which may hold spaces), from field 3 (state) on.
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return { ticks: Number(f[11]) + Number(f[12]), rss: Number(f[21]) };
}

/**
 * Runs `node …args` in `cwd` and samples its process tree every 20 ms until the command exits: the peak of the
 * summed RSS of all its processes, and the CPU time each process had used when last seen (up to 20 ms of a
 * process's last moments can be missed, alike for every command measured).
 */
export function measureTree(args: string[], cwd: string): Promise<TreeCost> {
  const { pageKb, ticks } = sysUnits();
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  const cpu = new Map<number, number>();
  let peakKb = 0;
  let peakPssKb = 0;
  // Known once any process's smaps_rollup was read (a process may end between listing and reading).
  let pssKnown = false;
  const sample = (): void => {
    if (child.pid === undefined) return;
    let rss = 0;
    let pssKb = 0;
    for (const pid of tree(child.pid)) {
      const st = stat(pid);
      if (!st) continue;
      cpu.set(pid, st.ticks);
      rss += st.rss;
      const p = pss(pid);
      if (p !== undefined) {
        pssKnown = true;
        pssKb += p;
      }
    }
    peakKb = Math.max(peakKb, rss * pageKb);
    peakPssKb = Math.max(peakPssKb, pssKb);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  sample();
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => {
      clearInterval(timer);
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      const cpuTicks = [...cpu.values()].reduce((a, b) => a + b, 0);
      resolve({ s, rssKb: peakKb, pssKb: pssKnown ? peakPssKb : NaN, cpu: cpuTicks / ticks, out: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

/** The best of `runs` runs of each figure: on a shared machine the other users' load only ever adds. */
export async function bestTree(args: string[], cwd: string, runs: number): Promise<TreeCost> {
  const all: TreeCost[] = [];
  for (let i = 0; i < runs; i++) all.push(await measureTree(args, cwd));
  return { s: Math.min(...all.map((r) => r.s)), rssKb: Math.min(...all.map((r) => r.rssKb)), pssKb: Math.min(...all.map((r) => r.pssKb)), cpu: Math.min(...all.map((r) => r.cpu)), out: all[0]!.out };
}
