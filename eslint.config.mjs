// ESLint flat config: typescript-eslint recommended rules on every TypeScript file of the project.
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "policies/node_modules/**",
      "coverage/**",
      "dist/**",
      "**/*.js",
      "**/*.mjs",
      "tests/e2e/fixtures/**/node_modules/**",
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
