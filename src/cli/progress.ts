import type { CliIo } from './io.js';

/** A progress bar on stderr: `tick` after each unit of work, `done` to erase it. */
export interface Progress {
  /** Announces the unit now being worked on; if it takes long, the bar appears while it runs. */
  begin(label: string): void;
  tick(label?: string): void;
  done(): void;
}

/** Options of a progress bar: when to start showing it and how often to redraw. */
export interface ProgressOptions {
  /** Show the bar at once when there are more units than this (default 3). */
  minUnits?: number;
  /** Otherwise show it once the run has taken this long (default 1000 ms). */
  delayMs?: number;
  /** Redraw at most this often (default 100 ms). */
  intervalMs?: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

const WIDTH = 24;

/** Creates a progress bar for `total` units; it draws only when stderr is a terminal and the run is long. */
export function createProgress(io: CliIo, total: number, opts: ProgressOptions = {}): Progress {
  const now = opts.now ?? Date.now;
  const start = now();
  const minUnits = opts.minUnits ?? 3;
  const delayMs = opts.delayMs ?? 1000;
  const intervalMs = opts.intervalMs ?? 100;
  let count = 0;
  let lastDraw = -Infinity;
  let drawn = false;
  const enabled = io.errIsTTY && total > 0;
  const draw = (label: string): void => {
    const filled = Math.round((count / total) * WIDTH);
    const bar = '#'.repeat(filled) + '-'.repeat(WIDTH - filled);
    const name = label.length > 40 ? `…${label.slice(-39)}` : label;
    io.err(`\r\x1b[2K[${bar}] ${count}/${total} ${name}`);
    drawn = true;
  };
  let pending: ReturnType<typeof setTimeout> | undefined;
  const cancel = (): void => {
    if (pending) clearTimeout(pending);
    pending = undefined;
  };
  return {
    begin(label) {
      cancel();
      if (!enabled) return;
      pending = setTimeout(() => {
        pending = undefined;
        lastDraw = now();
        draw(label);
      }, delayMs);
      // The timer must never keep the process alive on its own.
      pending.unref?.();
    },
    tick(label = '') {
      cancel();
      count++;
      if (!enabled) return;
      const t = now();
      const long = total > minUnits || t - start >= delayMs;
      if (!long || (t - lastDraw < intervalMs && count < total)) return;
      lastDraw = t;
      draw(label);
    },
    done() {
      cancel();
      if (drawn) io.err('\r\x1b[2K');
      drawn = false;
    },
  };
}
