/**
 * Progress on the terminal: per table the rows written, rows/s and, where the total is known,
 * an ETA; one line, rewritten at most twice a second (plain lines when not a terminal).
 */
export class Progress {
  private readonly counts = new Map<string, number>();
  private readonly started = Date.now();
  private lastPrint = 0;
  private readonly expected = new Map<string, number>();

  constructor(private readonly out: (line: string) => void = (line) => process.stderr.write(line)) {}

  expect(table: string, total: number): void {
    this.expected.set(table, total);
  }

  add(table: string, rows: number): void {
    this.counts.set(table, (this.counts.get(table) ?? 0) + rows);
    const now = Date.now();
    if (now - this.lastPrint >= 2000) {
      this.lastPrint = now;
      this.print(table);
    }
  }

  count(table: string): number {
    return this.counts.get(table) ?? 0;
  }

  private print(table: string): void {
    const seconds = (Date.now() - this.started) / 1000;
    const rows = this.counts.get(table) ?? 0;
    const trail = this.counts.get('activity_record') ?? 0;
    const trailTotal = this.expected.get('activity_record');
    const eta = trailTotal && trail > 0 ? ` · trail ${pct(trail, trailTotal)}, ETA ${Math.max(0, Math.round((seconds / trail) * (trailTotal - trail)))} s` : '';
    this.out(`  ${seconds.toFixed(0).padStart(4)} s  ${table.padEnd(20)} ${rows.toLocaleString('en').padStart(11)} rows (${Math.round(rows / Math.max(seconds, 0.001)).toLocaleString('en')}/s)${eta}\n`);
  }

  summary(): [string, number][] {
    return [...this.counts.entries()];
  }

  get elapsedSeconds(): number {
    return (Date.now() - this.started) / 1000;
  }
}

function pct(done: number, total: number): string {
  return `${Math.min(100, Math.round((100 * done) / total))} %`;
}
