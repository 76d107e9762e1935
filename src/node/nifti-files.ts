/**
 * NIfTI files on disk: read by path (header/image partners found by name),
 * header-only reads that touch only the first bytes, and atomic writes.
 * @module
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { open, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import type { Volume } from "../core/volume.ts";
import { InvalidArgumentError, IoError, MissingPartnerError, isFlarekitError } from "../core/errors.ts";
import { checkInto, readNifti, readNiftiHeader, type NiftiHeaderInfo, type ReadNiftiOptions } from "../nifti/read-nifti.ts";
import { writeNifti, type WriteNiftiOptions } from "../nifti/write-nifti.ts";
import type { ReusableBuffer } from "./reusable-buffer.ts";

/** Options of {@link readNiftiFile}. */
export type ReadNiftiFileOptions = Omit<ReadNiftiOptions, "image">;

const PAIR = /\.(hdr|img)(\.gz)?$/i;

function partnerCandidates(path: string): { header: string; images: string[] } | undefined {
  const m = PAIR.exec(path);
  if (!m) return undefined;
  const stem = path.slice(0, m.index);
  const gz = Boolean(m[2]);
  if (m[1].toLowerCase() === "hdr") {
    return { header: path, images: gz ? [`${stem}.img.gz`, `${stem}.img`] : [`${stem}.img`, `${stem}.img.gz`] };
  }
  // An .img path: find its header.
  const headers = gz ? [`${stem}.hdr.gz`, `${stem}.hdr`] : [`${stem}.hdr`, `${stem}.hdr.gz`];
  return { header: headers.find(exists) ?? headers[0], images: [path] };
}

function exists(p: string): boolean {
  try {
    closeSync(openSync(p, "r"));
    return true;
  } catch {
    return false;
  }
}

function wrapIo(path: string, err: unknown): never {
  if (isFlarekitError(err)) throw err;
  const e = err as NodeJS.ErrnoException;
  const what = e.code === "ENOENT" ? "no such file" : e.code === "EACCES" ? "permission denied" : e.code === "EISDIR" ? "is a directory" : e.message;
  throw new IoError(path, `Cannot read ${path}: ${what}.`, { cause: err });
}

function needsPartner(bytes: Uint8Array): boolean {
  try {
    return readNiftiHeader(bytes).source.storage === "pair";
  } catch {
    return false;
  }
}

function findImage(path: string, images: string[]): string {
  const found = images.find(exists);
  if (!found) {
    throw new MissingPartnerError(
      `The image file of the header ${path} was not found (tried ${images.map((p) => basename(p)).join(", ")} in ${dirname(path)}). A .hdr needs its .img beside it with the same name.`,
      images,
    );
  }
  return found;
}

const GZ = /\.gz$/i;

function withoutInto(options: ReadNiftiFileOptions): ReadNiftiFileOptions {
  const { into: _into, ...rest } = options;
  return rest;
}

/**
 * The file's bytes read into the buffer `bufferFor(size)` gives (a view of it), or `undefined`
 * when it gives none (the file is larger than the caller's buffer).
 */
function readFileIntoSync(path: string, bufferFor: (size: number) => Uint8Array | undefined): Uint8Array | undefined {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const into = bufferFor(size);
    if (into === undefined) return undefined;
    let done = 0;
    while (done < size) {
      const n = readSync(fd, into, done, size - done, done);
      if (n === 0) break;
      done += n;
    }
    return into.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/** `into` when it holds `size` bytes. */
const ifFits = (into: Uint8Array) => (size: number) => (size <= into.length ? into : undefined);

/** The file's bytes read into `into` (a view of it) when they fit, else `undefined`; asynchronous. */
async function readFileInto(path: string, into: Uint8Array): Promise<Uint8Array | undefined> {
  const handle = await open(path, "r");
  try {
    const size = (await handle.stat()).size;
    if (size > into.length) return undefined;
    let done = 0;
    while (done < size) {
      const { bytesRead } = await handle.read(into, done, size - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return into.subarray(0, done);
  } finally {
    await handle.close();
  }
}

/**
 * Reads a NIfTI / Analyze image from a path: `.nii`, `.nii.gz`, or a pair
 * given by either file (`.hdr`, `.hdr.gz`, `.img`, `.img.gz`; the partner is
 * found by name beside it).
 *
 * @param path - The file path.
 * @param options - Size limit.
 * @returns The volume.
 * @throws `IoError` when the file cannot be read; {@link MissingPartnerError} when a pair's
 *   other file is missing; every error of {@link readNifti}.
 * @example
 * ```ts
 * import { readNiftiFile } from "flarekit/node";
 * const ct = await readNiftiFile("imagesTr/train_000_0000.nii.gz");
 * console.log(String(ct)); // e.g. "Volume<int16> 512×512×97 @ 0.78×0.78×2.50 mm"
 * ```
 */
export async function readNiftiFile(path: string, options: ReadNiftiFileOptions = {}): Promise<Volume> {
  checkInto(options.into);
  const pair = partnerCandidates(path);
  try {
    if (!pair && options.into && !GZ.test(path)) {
      const bytes = await readFileInto(path, options.into);
      if (bytes && !needsPartner(bytes)) return readNifti(bytes, withoutInto(options));
    }
    const header = await readFile(pair ? pair.header : path);
    if (pair || needsPartner(header)) {
      const images = pair ? pair.images : [path.replace(/(\.nii)?(\.gz)?$/i, ".img"), path.replace(/(\.nii)?(\.gz)?$/i, ".img.gz")];
      const imagePath = findImage(pair ? pair.header : path, images);
      const image = (options.into && !GZ.test(imagePath) ? await readFileInto(imagePath, options.into) : undefined) ?? (await readFile(imagePath));
      return readNifti(header, { ...options, image });
    }
    return readNifti(header, options);
  } catch (err) {
    wrapIo(path, err);
  }
}

/**
 * Synchronous {@link readNiftiFile}.
 * @example
 * ```ts
 * import { readNiftiFileSync } from "flarekit/node";
 * const labels = readNiftiFileSync("labelsTr/train_000.nii.gz");
 * ```
 */
export function readNiftiFileSync(path: string, options: ReadNiftiFileOptions = {}): Volume {
  checkInto(options.into);
  const pair = partnerCandidates(path);
  try {
    if (!pair && options.into && !GZ.test(path)) {
      const bytes = readFileIntoSync(path, ifFits(options.into));
      if (bytes && !needsPartner(bytes)) return readNifti(bytes, withoutInto(options));
    }
    const header = readFileSync(pair ? pair.header : path);
    if (pair || needsPartner(header)) {
      const images = pair ? pair.images : [path.replace(/(\.nii)?(\.gz)?$/i, ".img"), path.replace(/(\.nii)?(\.gz)?$/i, ".img.gz")];
      const imagePath = findImage(pair ? pair.header : path, images);
      const image = (options.into && !GZ.test(imagePath) ? readFileIntoSync(imagePath, ifFits(options.into)) : undefined) ?? readFileSync(imagePath);
      return readNifti(header, { ...options, image });
    }
    return readNifti(header, options);
  } catch (err) {
    wrapIo(path, err);
  }
}

/**
 * {@link readNiftiFileSync} for dataset workers reading one case after
 * another: a `.nii.gz` is read into `file` (a reusable buffer for the
 * compressed bytes) and inflated into `into`; other files are read as
 * `readNiftiFileSync(path, { into })` does.
 * @internal
 */
export function readNiftiFileSyncReusing(path: string, into: Uint8Array | undefined, file: ReusableBuffer): Volume {
  const options: ReadNiftiFileOptions = into ? { into } : {};
  if (!/\.nii\.gz$/i.test(path)) return readNiftiFileSync(path, options); // pairs and .nii: the general reader
  let bytes: Uint8Array;
  try {
    bytes = readFileIntoSync(path, (size) => file.ensure(size)) as Uint8Array;
  } catch (err) {
    wrapIo(path, err);
  }
  try {
    const volume = readNifti(bytes, options);
    // not gzip after all (a misnamed .nii): the volume views the file buffer, which must not be reused
    if (volume.data.buffer === bytes.buffer) file.release();
    return volume;
  } catch (err) {
    // a .nii.gz holding the header of a pair: let the general reader find the partner
    if (isFlarekitError(err, "MISSING_PARTNER")) return readNiftiFileSync(path, options);
    throw err;
  }
}

/**
 * Reads only a file's header and extensions: it reads the first bytes of the
 * file (64 KiB, more only when extensions need it) and, for .gz, inflates only
 * those — fast on large scans.
 *
 * @param path - A .nii, .nii.gz, .hdr or .hdr.gz path (an .img path reads its .hdr).
 * @returns Header, extensions, dtype, shape, spacing, affine, scaling.
 * @example
 * ```ts
 * import { readNiftiHeaderFile } from "flarekit/node";
 * const info = await readNiftiHeaderFile("imagesTr/train_000_0000.nii.gz");
 * info.shape; // e.g. [512, 512, 97]
 * ```
 */
export async function readNiftiHeaderFile(path: string): Promise<NiftiHeaderInfo> {
  const pair = partnerCandidates(path);
  const target = pair ? pair.header : path;
  try {
    const fh = await open(target, "r");
    try {
      let size = 64 * 1024;
      for (;;) {
        const buf = new Uint8Array(size);
        const { bytesRead } = await fh.read(buf, 0, size, 0);
        const bytes = buf.subarray(0, bytesRead);
        const info = readNiftiHeader(bytes);
        const ext = info.source.storage === "single" && info.header.vox_offset > 0 ? info.dataOffset : 0;
        // Uncompressed: the extensions must lie within what was read; compressed: retry larger if they may not.
        if (bytesRead < size || (!info.source.gzip && ext <= bytesRead) || (info.source.gzip && size >= 4 * ext + 65536)) return info;
        size *= 4;
      }
    } finally {
      await fh.close();
    }
  } catch (err) {
    wrapIo(target, err);
  }
}

/** Options of {@link writeNiftiFile}. */
export type WriteNiftiFileOptions = WriteNiftiOptions;

function prepareWrite(path: string, volume: Volume, options: WriteNiftiFileOptions): { bytes: Uint8Array; tmp: string } {
  if (PAIR.test(path)) {
    throw new InvalidArgumentError("path", path, "a .nii or .nii.gz path", "flarekit writes single-file NIfTI; use .nii or .nii.gz.");
  }
  const gzip = options.gzip ?? /\.gz$/i.test(path);
  const bytes = writeNifti(volume, { ...options, gzip });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  return { bytes, tmp };
}

/**
 * Writes a volume as .nii or .nii.gz (chosen by the extension unless
 * `options.gzip` says otherwise). The bytes go to a temporary file in the same
 * folder that is then renamed over `path`, so a failed write never leaves a
 * half-written file and an existing file is replaced only by a complete one.
 *
 * @param path - Destination, `.nii` or `.nii.gz`.
 * @param volume - The volume.
 * @param options - As {@link writeNifti}.
 * @throws `IoError` when the folder is missing or not writable; `InvalidArgumentError` for a .hdr/.img path.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { writeNiftiFile } from "flarekit/node";
 * await writeNiftiFile("mask.nii.gz", createVolume(new Uint8Array(8), [2, 2, 2]));
 * ```
 */
export async function writeNiftiFile(path: string, volume: Volume, options: WriteNiftiFileOptions = {}): Promise<void> {
  const { bytes, tmp } = prepareWrite(path, volume, options);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw new IoError(path, `Cannot write ${path}: ${(err as Error).message}. Nothing was changed at the destination.`, { cause: err });
  }
}

/** Synchronous {@link writeNiftiFile}. */
export function writeNiftiFileSync(path: string, volume: Volume, options: WriteNiftiFileOptions = {}): void {
  const { bytes, tmp } = prepareWrite(path, volume, options);
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw new IoError(path, `Cannot write ${path}: ${(err as Error).message}. Nothing was changed at the destination.`, { cause: err });
  }
}

/** @internal Reads the first `n` bytes of a file (for sniffing). */
export function readPrefixSync(path: string, n: number): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const buf = new Uint8Array(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}
