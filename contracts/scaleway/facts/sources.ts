// The sources the Scaleway facts were read from, once: the provider version that
// @pulumiverse/scaleway 1.54.0 bridges, the SDK commit, and the docs-content pages, with the
// date they were read. Each fact file cites these, so a re-read changes one line here.

/** The day every source below was read. */
export const READ_ON = "2026-12-03";

/** scaleway/terraform-provider-scaleway at tag v2.75.0, the provider @pulumiverse/scaleway 1.54.0 bridges. */
export const PROVIDER = "scaleway/terraform-provider-scaleway@5e9afbf652a8 (v2.75.0)";
/** scaleway/scaleway-sdk-go, the API types the provider builds on. */
export const SDK_GO = "scaleway/scaleway-sdk-go@2c5cd81b0528";

/** `owner/repo@<commit>:<path>` of a file of the provider at v2.75.0. */
export function providerFile(path: string): string {
  return `scaleway/terraform-provider-scaleway@5e9afbf652a8:${path}`;
}
/** `owner/repo@<commit>:<path>` of a file of the Go SDK. */
export function sdkGoFile(path: string): string {
  return `scaleway/scaleway-sdk-go@2c5cd81b0528:${path}`;
}
/** A docs-content page at the commit it was read, with the public docs URL it renders to. */
export function docsPage(commit: string, path: string): string {
  const url = path.replace(/^pages\//, "https://www.scaleway.com/en/docs/").replace(/\.mdx$/, "/");
  return `${url} (scaleway/docs-content@${commit.slice(0, 12)}:${path})`;
}
