import path from 'node:path'
import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'

const root = path.resolve(import.meta.dirname)

export default defineConfig({
  root,
  plugins: [solid()],
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
})
