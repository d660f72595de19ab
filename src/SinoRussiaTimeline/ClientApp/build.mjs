// Bundles the page into ../wwwroot (gitignored): one script, one stylesheet and the HTML shell. The app's csproj runs this
// on every build whose inputs changed, so a clean clone gets a working page from `dotnet build` alone.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

const out = new URL('../wwwroot/', import.meta.url);
await mkdir(out, { recursive: true });
await build({
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  outdir: out.pathname,
  logLevel: 'warning',
});
await build({ entryPoints: { app: 'src/styles.css' }, bundle: true, minify: true, outdir: out.pathname, logLevel: 'warning' });
await copyFile(new URL('src/index.html', import.meta.url), new URL('index.html', out));
