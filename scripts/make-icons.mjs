#!/usr/bin/env node
// Renders resources/icon.svg to every PNG size the installers need (Chromium, headless), then the
// Windows .ico and macOS .icns from those PNGs (png2icons). The outputs are committed; run this
// again after changing the drawing: node scripts/make-icons.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import png2icons from 'png2icons';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const res = join(root, 'resources');
const svg = readFileSync(join(res, 'icon.svg'), 'utf8');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  mkdirSync(join(res, 'icons'), { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`)}</body></html>`);
    const png = await page.locator('svg').screenshot({ omitBackground: true });
    // Linux (electron-builder's icon folder, hicolor theme sizes) and one 1024 master for everything else.
    writeFileSync(join(res, 'icons', `${size}x${size}.png`), png);
    if (size === 1024) writeFileSync(join(res, 'icon.png'), png);
  }
} finally {
  await browser.close();
}
const master = readFileSync(join(res, 'icon.png'));
const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0);
const ico = png2icons.createICO(master, png2icons.BICUBIC2, 0, false, true);
if (!icns || !ico) throw new Error('png2icons could not convert resources/icon.png');
writeFileSync(join(res, 'icon.icns'), icns);
writeFileSync(join(res, 'icon.ico'), ico);
console.log(`icons written to ${res}: ${SIZES.map((s) => `${s}px`).join(' ')}, icon.icns, icon.ico`);
