// What Scaleway Container Registry accepts and how its images are named, and why the namespace must
// exist (with images) before the containers: bootstrap/ creates it, the program only takes its name.
import { fact } from "./fact";
import { docsPage, providerFile, READ_ON } from "./sources";

export const REGISTRY_IMAGE_URL = fact(
  "registry.image-url",
  "an image is rg.<region>.scw.cloud/<namespace>/<image>[:tag][@sha256:<digest>]",
  { hostTemplate: "rg.<region>.scw.cloud" },
  [
    {
      ref: providerFile("docs/resources/container.md"),
      read: READ_ON,
      note: "image: 'rg.fr-par.scw.cloud/$NAMESPACE/$IMAGE'",
    },
    { ref: providerFile("docs/resources/registry_namespace.md"), read: READ_ON, note: "endpoint attribute" },
  ],
);

export const REGISTRY_NAMESPACE_FIRST = fact(
  "registry.namespace-before-containers",
  "a container pulls its image when it is created, so the registry namespace must exist and hold the image before the container is created: a namespace created in the same run is empty",
  true,
  [
    {
      ref: providerFile("internal/services/container/container.go"),
      read: READ_ON,
      note: "containers deploy on create (deploy is deprecated)",
    },
    {
      ref: docsPage(
        "fda871314657977b07cd83588e3eb12f5856407c",
        "pages/container-registry/how-to/create-namespace.mdx",
      ),
      read: READ_ON,
      note: "a namespace is created first, then images are pushed to it",
    },
  ],
);

export const REGISTRY_NAMESPACE_NAME = fact(
  "registry.namespace-name",
  "a namespace is named at creation and renaming it replaces it (with its images); the provider checks no pattern",
  { forceNew: true },
  [
    {
      ref: providerFile("internal/services/registry/namespace.go"),
      read: READ_ON,
      note: "name: Required, ForceNew",
    },
  ],
);

export const REGISTRY_FACTS = [
  REGISTRY_IMAGE_URL,
  REGISTRY_NAMESPACE_FIRST,
  REGISTRY_NAMESPACE_NAME,
] as const;
