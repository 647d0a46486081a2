// A progress bar on standard error, drawn only when it is a terminal and redrawn at most ten times
// a second; elsewhere (pipes, CI logs) it prints nothing, so logs stay clean.

export class ProgressBar {
  private lastDraw = 0;
  private drawn = false;
  private readonly started = Date.now();

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
    private readonly label: string,
    /** Total units (bytes or items); 0 when unknown. */
    private readonly total: number,
    private readonly enabled = Boolean(stream.isTTY),
  ) {}

  update(done: number, items: number, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const rate = `${(items / seconds).toFixed(0)}/s`;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 50));
    let line: string;
    if (this.total > 0) {
      const fraction = Math.min(1, done / this.total);
      const filled = Math.round(fraction * width);
      line = `${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${items} done  ${rate}`;
    } else {
      line = `${this.label} ${items} done  ${rate}`;
    }
    this.stream.write(`\r${line}\u001b[K`);
    this.drawn = true;
  }

  /** Clears the bar so that the summary starts on a clean line. */
  finish(): void {
    if (this.enabled && this.drawn) this.stream.write('\r\u001b[K');
  }
}
