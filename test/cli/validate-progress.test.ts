import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';
import { captureIo } from '../helpers/capture-io.js';

describe('progress bar', () => {
  it('draws on a terminal once there are more than 3 units, and erases itself', () => {
    const io = captureIo('.', { errIsTTY: true });
    const p = createProgress(io, 4, { intervalMs: 0 });
    for (let i = 0; i < 4; i++) p.tick(`f${i}.xlsx`);
    p.done();
    expect(io.stderr()).toContain('[######------------------] 1/4 f0.xlsx');
    expect(io.stderr()).toContain('[########################] 4/4 f3.xlsx');
    expect(io.stderr().endsWith('\r\x1b[2K')).toBe(true);
  });

  it('stays silent when stderr is not a terminal, or the run is short', () => {
    const pipe = captureIo('.', { errIsTTY: false });
    const p = createProgress(pipe, 10, { intervalMs: 0 });
    for (let i = 0; i < 10; i++) p.tick('x');
    p.done();
    expect(pipe.stderr()).toBe('');
    const tty = captureIo('.', { errIsTTY: true });
    const q = createProgress(tty, 2, { intervalMs: 0, now: () => 0 });
    q.tick('a');
    q.tick('b');
    q.done();
    expect(tty.stderr()).toBe('');
  });

  it('shows a single slow file while it is being read', async () => {
    const io = captureIo('.', { errIsTTY: true });
    const p = createProgress(io, 1, { delayMs: 20 });
    p.begin('big.xlsx');
    await new Promise((r) => setTimeout(r, 60));
    expect(io.stderr()).toContain('0/1 big.xlsx');
    p.tick('big.xlsx');
    p.done();
    expect(io.stderr().endsWith('\r\x1b[2K')).toBe(true);
  });
});
