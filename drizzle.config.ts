import { defineConfig } from 'drizzle-kit';

// drizzle-kit writes migrations into drizzle/; the server applies them at start-up.
export default defineConfig({
  dialect: 'sqlite',
  schema: './server/db/schema.ts',
  out: './drizzle',
});
