import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig({
  plugins: [svelte()],
  resolve: { conditions: ["browser"] },
  // Tests read the built-in templates from crates/core/templates (the files Rust embeds).
  server: { fs: { allow: [".", "../crates/core/templates"] } },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.ts"],
  },
});
