/**
 * A buffer a worker reads one volume after another into (`ReadNiftiOptions.into`),
 * so that a dataset's cases do not each allocate, page-fault and free the
 * voxels anew.
 * @internal
 * @module
 */

/** Buffers kept between cases are at least this large (smaller ones may be slices of Node's shared pool) … */
const MIN_BYTES = 1 << 20;
/** … and at most this large (a huge case's buffer is let go). */
const MAX_BYTES = 1 << 30;

/** One reusable read buffer. */
export class ReusableBuffer {
  private bytes: Uint8Array | undefined;

  /** The buffer to read the next volume into, `undefined` before the first. */
  get into(): Uint8Array | undefined {
    return this.bytes;
  }

  /** A buffer of at least `n` bytes: the kept one, or a new one a quarter larger (kept for next time). */
  ensure(n: number): Uint8Array {
    if (this.bytes === undefined || this.bytes.length < n) this.bytes = new Uint8Array(n + (n >> 2));
    return this.bytes;
  }

  /** Lets the buffer go (when a volume still views it, or at the end of a run). */
  release(): void {
    this.bytes = undefined;
  }

  /**
   * Keeps the buffer under a volume's voxels for the next read. Call it only
   * when nothing uses the volume any more.
   */
  adopt(data: ArrayBufferView): void {
    const b = data.buffer;
    if (b instanceof ArrayBuffer && b.byteLength >= MIN_BYTES && b.byteLength <= MAX_BYTES) this.bytes = new Uint8Array(b);
  }
}
