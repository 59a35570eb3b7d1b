// The site reads catalog/servers/*.json (or $CATALOG_DIR) at build time; see site/lib/catalog.ts.
import { defineConfig } from 'astro/config';

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  site: process.env.SITE_URL ?? 'https://mcp-risk-catalog.example',
  trailingSlash: 'always',
  // One shared stylesheet file rather than a copy inlined into each of up to 100,000 pages.
  build: { format: 'directory', concurrency: 16, inlineStylesheets: 'never' },
  // Scripts as shared files too: the Copy button's script is cached once, not repeated per page.
  vite: { build: { assetsInlineLimit: 0 } },
});
