// Runs in the browser, served from localhost by run-browser.mjs: imports the built ESM files
// unchanged, fetches two .nii.gz files, reads them, computes Dice, renders a slice into a
// canvas and leaves everything on `window.flarekitResult` for the test to read back.
import { readNifti } from "/dist/index.js";
import { dice } from "/dist/metrics.js";
import { renderSlice } from "/dist/render.js";

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** FNV-1a over bytes, to compare pixels with the Node run. */
function fnv1a(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

try {
  const params = new URLSearchParams(location.search);
  const [ct, gt, pred] = await Promise.all(["ct", "gt", "pred"].map(async (name) => readNifti(await fetchBytes(`/fixture/${name}.nii.gz`))));
  const labels = [1, 2, 3, 4];
  const dices = labels.map((label) => dice(gt, pred, { label }));
  const k = Number(params.get("slice"));
  const image = renderSlice(ct, { axis: "axial", index: k, window: { center: 40, width: 400 }, labels: gt, outline: true });
  const canvas = document.getElementById("slice");
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext("2d");
  context.putImageData(new ImageData(image.rgba, image.width, image.height), 0, 0);
  const readBack = context.getImageData(0, 0, image.width, image.height).data;
  window.flarekitResult = {
    ok: true,
    ct: String(ct),
    gt: String(gt),
    dices,
    width: image.width,
    height: image.height,
    renderedHash: fnv1a(image.rgba),
    canvasHash: fnv1a(readBack),
    userAgent: navigator.userAgent,
  };
} catch (err) {
  window.flarekitResult = { ok: false, error: String(err && err.stack || err) };
}
document.getElementById("out").textContent = JSON.stringify(window.flarekitResult, null, 2);
