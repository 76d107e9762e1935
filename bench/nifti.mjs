// NIfTI I/O benchmark: flarekit against the readers users would otherwise pick, measured in one run.
// Usage: npm run bench -- nifti        (builds first; writes test data to .bench-data/)
//
// Data: a generated 512×512×100 int16 CT-like volume (smooth anatomy + noise, so it compresses like a real
// CT, about 3–4×), written as .nii and .nii.gz. Times are medians of several runs after a warm-up.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import * as niftiReader from "nifti-reader-js";
const dist = process.env.FLAREKIT_DIST ?? "../dist";
const { createVolume, writeNifti } = await import(`${dist}/index.js`);
const { readNiftiFileSync } = await import(`${dist}/node.js`);

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, "..", ".bench-data");
mkdirSync(dataDir, { recursive: true });
const NII = join(dataDir, "ct-512x512x100.nii");
const GZ = join(dataDir, "ct-512x512x100.nii.gz");

function makeCt() {
  const [nx, ny, nz] = [512, 512, 100];
  const data = new Int16Array(nx * ny * nz);
  let seed = 12345;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
    const dx = (x - 256) / 200, dy = (y - 256) / 150;
    const body = dx * dx + dy * dy < 1;
    const organ = ((x - 200) / 80) ** 2 + ((y - 240) / 60) ** 2 + ((z - 50) / 40) ** 2 < 1;
    const base = !body ? -1000 : organ ? 60 : 40 + 20 * Math.sin(x / 17) * Math.cos(y / 23);
    data[x + nx * (y + ny * z)] = Math.round(base + (body ? (rnd() - 0.5) * 30 : 0));
  }
  return createVolume(data, [nx, ny, nz], { spacing: [0.78125, 0.78125, 2.5] });
}

if (!existsSync(GZ) || !existsSync(NII)) {
  const ct = makeCt();
  writeFileSync(NII, writeNifti(ct));
  writeFileSync(GZ, writeNifti(ct, { gzip: true }));
}

function time(fn) {
  globalThis.gc?.();
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Medians of `ours` and `peer`, measured alternately so machine load drifts hit both alike. */
function pair(ours, peer, runs = 7) {
  ours();
  peer();
  const a = [], b = [];
  for (let i = 0; i < runs; i++) {
    a.push(time(ours));
    b.push(time(peer));
  }
  const med = (t) => t.sort((x, y) => x - y)[Math.floor(t.length / 2)];
  return [med(a), med(b)];
}

const rows = [];
const row = (what, ms, peer, peerMs, target) => rows.push({ what, ms, peer, peerMs, target });

const readNrj = () => {
  const buf = readFileSync(GZ);
  let ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  if (niftiReader.isCompressed(ab)) ab = niftiReader.decompress(ab);
  const header = niftiReader.readHeader(ab);
  const image = niftiReader.readImage(header, ab);
  return new Int16Array(image);
};
let [fk, peer] = pair(() => readNiftiFileSync(GZ), () => gunzipSync(readFileSync(GZ)));
row("read .nii.gz", fk, "readFile + node:zlib gunzipSync", peer, "≤ 1.15×");
[fk, peer] = pair(() => readNiftiFileSync(GZ), readNrj, 5);
row("read .nii.gz", fk, "nifti-reader-js 0.8 (decompress + readHeader + readImage + typed array)", peer, "≥ 2× faster");
[fk, peer] = pair(() => readNiftiFileSync(NII), () => readFileSync(NII), 11);
row("read .nii", fk, "readFile", peer, "≤ 1.2×");
const ct = readNiftiFileSync(NII);
const raw = readFileSync(NII);
[fk, peer] = pair(() => writeNifti(ct, { gzip: true, level: 6 }), () => gzipSync(raw, { level: 6 }), 5);
row("write .nii.gz (level 6)", fk, "node:zlib gzipSync level 6 of the same bytes", peer, "≤ 1.2×");

// Peak memory of one read, in a fresh process: the peak RSS (VmHWM, Linux) of a process that loads the modules and reads the file,
// minus that of one that only loads the modules. This includes the compressed bytes read from disk.
function peakKb(code) {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8", cwd: here });
  if (r.status !== 0) console.error(r.stderr);
  return Number(r.stdout.trim());
}
const load = `const { readNiftiFileSync } = await import(${JSON.stringify(dist + "/node.js")});`;
const hwm = `Number(/VmHWM:\\s+(\\d+)/.exec((await import("node:fs")).readFileSync("/proc/self/status", "utf8"))[1])`;
const base = peakKb(`${load} console.log(${hwm})`);
const withRead = peakKb(`${load} const v = readNiftiFileSync(${JSON.stringify(GZ)}); console.log(${hwm})`);
const compressed = readFileSync(GZ).length;
const rawBytes = 512 * 512 * 100 * 2;
const peakMb = (withRead - base) / 1024;
if (!(peakMb > 0)) console.error("memory probe failed:", base, withRead);

console.log(`flarekit NIfTI benchmark — Node ${process.version}, ${rawBytes / 2 ** 20} MiB int16 volume, .nii.gz ${(compressed / 2 ** 20).toFixed(1)} MiB`);
console.log("");
console.log("| operation | flarekit (ms) | peer | peer (ms) | ratio flarekit/peer | target |");
console.log("|---|---:|---|---:|---:|---|");
for (const r of rows) console.log(`| ${r.what} | ${r.ms.toFixed(1)} | ${r.peer} | ${r.peerMs.toFixed(1)} | ${(r.ms / r.peerMs).toFixed(2)}× | ${r.target} |`);
console.log(`| read .nii.gz peak memory | ${peakMb.toFixed(0)} MiB | compressed + 1.3 × raw | ${((compressed + 1.3 * rawBytes) / 2 ** 20).toFixed(0)} MiB | ${(peakMb / ((compressed + 1.3 * rawBytes) / 2 ** 20)).toFixed(2)}× | ≤ 1× |`);
console.log("");
console.log("Python figure from the issue, same machine: nibabel reads the .nii.gz in 0.40 s.");
