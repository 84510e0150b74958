// The console's build: React + Vite, from web/ into dist/console, which the API server serves at /.
// Beyond web/, the console imports the API's contract (src/contract: the codes, and the types of the
// answers) and the pure domain modules it rests on, and nothing else of the server: the guard below
// fails the build if any other server module, or a Node built-in, would reach the browser bundle.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const repo = fileURLToPath(new URL('..', import.meta.url));
const server = `${repo}src/`;
const SHARED = [`${server}contract/`, `${server}domain/`];

function serverModulesStayOut(): Plugin {
  return {
    name: 'aftersale:server-modules-stay-out',
    apply: 'build',
    load(id) {
      const path = id.split('?')[0]!;
      if (path.startsWith(server) && !SHARED.some((dir) => path.startsWith(dir))) {
        this.error(`the console imports ${path.slice(repo.length)}: only src/contract and src/domain may be bundled`);
      }
      return null;
    },
    resolveId(source, importer) {
      if (importer && /^(node:|fs$|path$|crypto$|url$|os$)/.test(source)) {
        this.error(`${importer.slice(repo.length)} imports the Node module ${source}: it cannot run in the browser`);
      }
      return null;
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), serverModulesStayOut()],
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000', '/demo': 'http://127.0.0.1:3000' } },
});
