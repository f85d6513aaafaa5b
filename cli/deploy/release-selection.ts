// Which release requests a push to main deploys (.github/workflows/deploy.yml): only those whose
// files or images changed. A request is selected when its own file, or the smoke-tests file it names,
// changed, or when the stack file of its environment changed the image of one of its services. A push
// whose before-commit is unknown (a new branch, a force push) selects every request; `scw-infra deploy`
// still skips the services already at their version. A README-only merge selects nothing.
import { parseYamlText } from "@scaleway-infra/contracts/config/yaml-source";
import { containersOf } from "./release-config";

export interface ReleaseRequestFile {
  /** Repository-relative path, `.github/deploy/staging/documentation.yaml`. */
  file: string;
  environment: string;
  services: string[];
  /** Repository-relative path of its smoke_tests_file, when it names one. */
  smokeTestsFile?: string;
}

export interface SelectionInput {
  /** Repository-relative paths the push changed; undefined when the before-commit is unknown. */
  changedFiles: readonly string[] | undefined;
  requests: readonly ReleaseRequestFile[];
  /** service -> image per environment, in the stack files before and after the push. */
  imagesBefore: Readonly<Record<string, ReadonlyMap<string, string>>>;
  imagesAfter: Readonly<Record<string, ReadonlyMap<string, string>>>;
}

export interface SelectedRequest {
  file: string;
  reason: string;
}

export function stackFileOf(environment: string): string {
  return `Pulumi.${environment}.yaml`;
}

export function selectReleaseRequests(input: SelectionInput): SelectedRequest[] {
  const { changedFiles, requests } = input;
  if (changedFiles === undefined) {
    return requests.map((request) => ({
      file: request.file,
      reason: "the push's previous commit is unknown",
    }));
  }
  const changed = new Set(changedFiles.map((file) => file.replace(/^\.\//, "")));
  const selected: SelectedRequest[] = [];
  for (const request of requests) {
    if (changed.has(request.file)) {
      selected.push({ file: request.file, reason: "the request changed" });
      continue;
    }
    if (request.smokeTestsFile && changed.has(request.smokeTestsFile)) {
      selected.push({ file: request.file, reason: `its smoke tests ${request.smokeTestsFile} changed` });
      continue;
    }
    if (!changed.has(stackFileOf(request.environment))) continue;
    const before = input.imagesBefore[request.environment] ?? new Map<string, string>();
    const after = input.imagesAfter[request.environment] ?? new Map<string, string>();
    const moved = request.services.filter((service) => before.get(service) !== after.get(service));
    if (moved.length > 0) {
      selected.push({
        file: request.file,
        reason: `the image of ${moved.join(", ")} changed in ${stackFileOf(request.environment)}`,
      });
    }
  }
  return selected;
}

/** service -> image of a stack file's text; an unreadable or absent file has no images. */
export function imagesOfStackText(text: string | undefined): Map<string, string> {
  const images = new Map<string, string>();
  if (text === undefined) return images;
  let config: Record<string, unknown> | undefined;
  try {
    const document = parseYamlText(text, "stack file").value;
    config = (document as { config?: Record<string, unknown> } | null)?.config;
  } catch {
    return images;
  }
  for (const spec of containersOf(config?.["scaleway-infra:containers"])) images.set(spec.name, spec.image);
  return images;
}
