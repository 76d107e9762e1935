#!/usr/bin/env node
// flarekit in a real browser: serves the repository from a localhost HTTP server, opens
// test/browser/index.html in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core), and checks what the page computed with the built ESM files — NIfTI
// read from fetched .nii.gz bytes, Dice, a slice rendered into a canvas — against Node.
// Run after `npm run build`:  node test/browser/run-browser.mjs
// CHROMIUM=/path/to/chromium overrides the browser.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { check, finish } from "../../scripts/checks.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const { makePhantom, perturbLabels, writeNifti } = await import(join(root, "dist/index.js"));
const { renderSlice } = await import(join(root, "dist/render.js"));
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const SLICE = 16;

// Fixtures made here, in Node: the phantom CT, its labels and a perturbed prediction.
const { ct, labels } = makePhantom({ shape: [96, 96, 32], seed: 3 });
const pred = perturbLabels(labels, { seed: 4 });
const fixtures = {
  "ct.nii.gz": writeNifti(ct, { gzip: true }),
  "gt.nii.gz": writeNifti(labels, { gzip: true }),
  "pred.nii.gz": writeNifti(pred, { gzip: true }),
};

function naiveDice(a, b, label) {
  let na = 0, nb = 0, both = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] === label, y = b[i] === label;
    na += x; nb += y; both += x && y;
  }
  return (2 * both) / (na + nb);
}

function fnv1a(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".map": "application/json", ".gz": "application/gzip" };
// Only these folders are served: the page, the built package and fflate.
const SERVED = ["test/browser/", "dist/", "node_modules/fflate/"];
const requests = [];
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://localhost").pathname).slice(1);
  requests.push(path);
  try {
    if (path.startsWith("fixture/") && fixtures[path.slice(8)]) {
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(fixtures[path.slice(8)]);
      return;
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep) || !SERVED.some((d) => path.startsWith(d))) throw new Error("not served");
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(await readFile(file));
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

let browser;
let page;
let result;
const consoleErrors = [];
const failedRequests = [];
const foreignRequests = [];

try {
  await check(`Chromium starts headless (${executablePath})`, async () => {
    assert.ok(existsSync(executablePath), `${executablePath} not found: apt-get install chromium`);
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    page = await browser.newPage();
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    page.on("requestfailed", (r) => failedRequests.push(r.url()));
    page.on("request", (r) => !r.url().startsWith(origin) && foreignRequests.push(r.url()));
  });

  await check("the page imports the built ESM files and finishes", async () => {
    await page.goto(`${origin}/test/browser/index.html?slice=${SLICE}`);
    await page.waitForFunction(() => "flarekitResult" in window, null, { timeout: 60_000 });
    result = await page.evaluate(() => window.flarekitResult);
    assert.equal(result.ok, true, result.error);
    console.log(`      ${result.userAgent}`);
  });

  await check("readNifti on fetched .nii.gz bytes gives the phantom's volumes", () => {
    assert.equal(result.ct, String(ct));
    assert.equal(result.ct, "Volume<int16> 96×96×32 @ 1.50×1.50×2.50 mm");
    assert.equal(result.gt, String(labels));
  });

  await check("Dice per organ equals a direct count in Node", () => {
    const expected = [1, 2, 3, 4].map((l) => naiveDice(labels.data, pred.data, l));
    assert.equal(result.dices.length, 4);
    result.dices.forEach((d, i) => assert.ok(Math.abs(d - expected[i]) < 1e-12, `label ${i + 1}: ${d} vs ${expected[i]}`));
    assert.ok(result.dices.every((d) => d > 0.5 && d < 1), `${result.dices}`);
  });

  await check("the slice drawn into the canvas reads back pixel for pixel as Node renders it", () => {
    const node = renderSlice(ct, { axis: "axial", index: SLICE, window: { center: 40, width: 400 }, labels, outline: true });
    assert.equal(`${result.width}×${result.height}`, `${node.width}×${node.height}`);
    assert.equal(result.renderedHash, fnv1a(node.rgba));
    assert.equal(result.canvasHash, fnv1a(node.rgba));
  });

  await check("no console errors, failed or off-origin requests, and only dist/ and fflate loaded", () => {
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(failedRequests, []);
    assert.deepEqual(foreignRequests, []);
    const code = requests.filter((p) => p.endsWith(".js"));
    assert.ok(code.includes("dist/index.js") && code.includes("node_modules/fflate/esm/browser.js"), code.join(", "));
    assert.deepEqual(code.filter((p) => !p.startsWith("dist/") && !p.startsWith("node_modules/fflate/") && p !== "test/browser/page.js"), []);
  });
} finally {
  await browser?.close();
  server.close();
}
finish("browser");
