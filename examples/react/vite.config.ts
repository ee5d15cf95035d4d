import { defineConfig } from 'vite'

// `npx vite` in this folder, in an app that has docket, react and react-dom installed.
export default defineConfig({
  // Found up front, so the first load does not discover them and reload the page.
  optimizeDeps: { include: ['react', 'react-dom/client'] },
  worker: { format: 'es' },
})
