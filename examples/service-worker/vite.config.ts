import { defineConfig } from 'vite'

// `npx vite` in this folder, in an app that has docket installed. Chromium serves a module
// service worker from Vite's dev server as it is: nothing docket-specific is needed here.
export default defineConfig({})
