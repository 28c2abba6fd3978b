/** Small timing helpers for the benchmark: percentiles over measured samples. */

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Runs `work` `times` times and returns each duration in milliseconds. */
export function timeEach(times: number, work: (i: number) => void): number[] {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = process.hrtime.bigint();
    work(i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

export async function timeEachAsync(times: number, work: (i: number) => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = process.hrtime.bigint();
    await work(i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

export function ms(value: number): string {
  return value < 10 ? `${value.toFixed(3)} ms` : `${value.toFixed(1)} ms`;
}

export interface Row {
  measure: string;
  value: string;
  target: string;
  pass: boolean | null;
}

export function row(measure: string, value: number, target: number | null, unit: (v: number) => string = ms): Row {
  return { measure, value: unit(value), target: target === null ? '—' : `≤ ${unit(target)}`, pass: target === null ? null : value <= target };
}

export function printTable(title: string, rows: Row[]): void {
  const width = Math.max(...rows.map((r) => r.measure.length), 10);
  process.stdout.write(`\n${title}\n${'-'.repeat(title.length)}\n`);
  for (const r of rows) {
    const verdict = r.pass === null ? '' : r.pass ? '  ok' : '  OVER TARGET';
    process.stdout.write(`${r.measure.padEnd(width)}  ${r.value.padStart(12)}  ${r.target.padStart(12)}${verdict}\n`);
  }
}
