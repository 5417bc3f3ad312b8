// A tiny static server for the page's own files, on 127.0.0.1 (a free port), that logs every request.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The page's files: everything it may ask for. */
export const PAGE_FILES = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/app.js': 'app.js',
  '/style.css': 'style.css',
  '/favicon.svg': 'favicon.svg',
  '/pkg/msc_therapy_js.js': 'pkg/msc_therapy_js.js',
  '/pkg/msc_therapy_js_bg.wasm': 'pkg/msc_therapy_js_bg.wasm',
};
const TYPES = { html: 'text/html; charset=utf-8', js: 'text/javascript', css: 'text/css', svg: 'image/svg+xml', wasm: 'application/wasm' };

export async function serve(root) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    requests.push(path);
    const file = PAGE_FILES[path];
    if (!file || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(join(root, file));
      res.writeHead(200, { 'content-type': TYPES[file.split('.').pop()], 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(500).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}
