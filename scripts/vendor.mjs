// Copies the front-end files we use from node_modules/ into static/vendor/, each package with its licence.
// Run by `make vendor` after changing package.json; the copies are committed, so nothing is fetched at run time.
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const vendor = "static/vendor";

function sarabun() {
  const pkg = "node_modules/@fontsource/sarabun";
  const out = join(vendor, "sarabun");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, "files"), { recursive: true });
  const keep = [];
  for (const weight of ["400", "700"]) {
    // Keep only the Thai and Latin subsets, woff2 only (every browser we serve reads it).
    const css = readFileSync(join(pkg, `${weight}.css`), "utf8");
    for (const block of css.split(/\n(?=\/\* )/)) {
      if (!/sarabun-(thai|latin)-\d+-normal \*\//.test(block)) continue;
      const woff2 = block.match(/files\/(sarabun-[a-z]+-\d+-normal\.woff2)/)[1];
      copyFileSync(join(pkg, "files", woff2), join(out, "files", woff2));
      keep.push(block.replace(/src: [^;]+;/, `src: url(./files/${woff2}) format('woff2');`).trim());
    }
  }
  writeFileSync(join(out, "sarabun.css"), `/* @fontsource/sarabun, Thai and Latin subsets, 400 and 700 (OFL-1.1, see LICENSE) */\n${keep.join("\n\n")}\n`);
  copyFileSync(join(pkg, "LICENSE"), join(out, "LICENSE"));
}

function leaflet() {
  const pkg = "node_modules/leaflet";
  const out = join(vendor, "leaflet");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const file of ["leaflet.js", "leaflet.js.map", "leaflet.css"]) copyFileSync(join(pkg, "dist", file), join(out, file));
  cpSync(join(pkg, "dist", "images"), join(out, "images"), { recursive: true });
  copyFileSync(join(pkg, "LICENSE"), join(out, "LICENSE"));
}

// axe-core checks accessibility in the browser tests only (tests/browser/test_accessibility.py injects it);
// no public page ever loads it.
function axeCore() {
  const pkg = "node_modules/axe-core";
  const out = join(vendor, "axe-core");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const file of ["axe.min.js", "LICENSE", "LICENSE-3RD-PARTY.txt"]) copyFileSync(join(pkg, file), join(out, file));
}

sarabun();
leaflet();
axeCore();
console.log("static/vendor/ refreshed");
