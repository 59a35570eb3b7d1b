// The site reads catalog/servers/*.json (or $CATALOG_DIR) at build time; see site/lib/catalog.ts.
import { defineConfig } from 'astro/config';

export default defineConfig({
  srcDir: './site',
  site: process.env.SITE_URL ?? 'https://mcp-risk-catalog.example',
  trailingSlash: 'always',
  build: { format: 'directory', concurrency: 16 },
});
