import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const backend = process.env.SPLITSTREAM_API ?? "http://localhost:3000";

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // The API (and its SSE streams) live on the backend; the dev server only proxies them.
    proxy: { "/api": { target: backend, changeOrigin: true } },
  },
  build: { outDir: "dist", sourcemap: true },
});
