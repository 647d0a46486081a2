// Buffered writing to standard output that respects back-pressure (a slow pipe) and stops quietly
// when the reader goes away (`hearsay extract --jsonl big.jsonl | head`).

export class Output {
  private buffer: string[] = [];
  private size = 0;
  /** True once the reader has closed the pipe; callers stop producing. */
  closed = false;

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') this.closed = true;
      else throw error;
    });
  }

  /** Queues text; flushes when 64 KB have gathered. */
  async write(text: string): Promise<void> {
    this.buffer.push(text);
    this.size += text.length;
    if (this.size >= 65536) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.size || this.closed) {
      this.buffer = [];
      this.size = 0;
      return;
    }
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    const ok = this.stream.write(chunk);
    if (!ok && !this.closed) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.stream.off('drain', done);
          this.stream.off('error', done);
          this.stream.off('close', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('error', done);
        this.stream.on('close', done);
      });
    }
  }
}
