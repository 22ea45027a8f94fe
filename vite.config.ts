import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/** Where the API server runs in `npm run dev` (scripts/dev.ts sets it to the port it started). */
const apiTarget = process.env.COVGAP_API_URL ?? 'http://127.0.0.1:8080';

/** The paths the client fetches from the API server; the dev server proxies them. */
const apiPaths = ['/collections', '/conformance', '/api', '/tiles', '/openapi.json'];

export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  base: './', // relative asset URLs: the built client works under any mount path
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000, // maplibre-gl is one big chunk by design
    rollupOptions: {
      // the pages: the map, the comparison of two scenarios, and the one-page report the PDF routes print
      input: {
        main: fileURLToPath(new URL('./client/index.html', import.meta.url)),
        compare: fileURLToPath(new URL('./client/compare.html', import.meta.url)),
        report: fileURLToPath(new URL('./client/report.html', import.meta.url)),
      },
    },
  },
  server: {
    // keep the browser's Host header: the API builds its links (next pages, TileJSON tile URLs)
    // from it, so they point back at this dev server and go through the proxy too
    proxy: Object.fromEntries(apiPaths.map((p) => [p, { target: apiTarget, changeOrigin: false }])),
  },
});
