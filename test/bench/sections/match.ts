import { measureMatchThroughput } from '../match-throughput.js';
import type { BenchSection } from '../section.js';

const GOAL = 50_000;

/** Matching throughput of the clause matcher on one core (goal ≥ 50k rows/s); figures of the labelled set: `npm run bench:match`. */
export const section: BenchSection = {
  name: 'match',
  title: 'clause matching throughput (one core)',
  async run(ctx) {
    ctx.log('matching 200,000 activity descriptions…');
    const r = measureMatchThroughput(200_000);
    return {
      rows: [{
        rows: r.rows.toLocaleString('en'),
        'cpu s': r.cpuSeconds.toFixed(2),
        'wall s': r.seconds.toFixed(2),
        'rows/cpu-s': Math.round(r.rowsPerSecond).toLocaleString('en'),
        'rows/wall-s': Math.round(r.rowsPerWallSecond).toLocaleString('en'),
        goal: `≥ ${GOAL.toLocaleString('en')} rows/cpu-s`,
      }],
      notes: ['   labelled-set accuracy (top-1, top-3, MRR per language and split): npm run bench:match'],
      ok: r.rowsPerSecond >= GOAL,
    };
  },
};
