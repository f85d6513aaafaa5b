// environment_config (ENV-1..ENV-6): the Scaleway project and compliance settings of one environment.
import {
  DATA_RESIDENCY,
  ENVIRONMENTS,
  EU_REGIONS,
  EU_REGION_ZONES,
  EU_ZONES,
  UUID_PATTERN,
} from "../thresholds";
import { JsonSchema, SCHEMA_DIALECT, object, ruled, schemaId, when } from "./annotations";

export const environmentSchema: JsonSchema = {
  $schema: SCHEMA_DIALECT,
  $id: schemaId("environment"),
  title: "environment_config",
  description:
    "One environment: Scaleway project, region, networking and compliance (seed: Environment Configuration Contract).",
  ...object(
    {
      name: ruled(
        "ENV-1",
        { fix: `Set name to ${ENVIRONMENTS.join(" or ")}.` },
        { type: "string", enum: [...ENVIRONMENTS] },
      ),
      scaleway: ruled(
        "ENV-2",
        { fix: "Declare scaleway.project_id, organization_id, region and zone." },
        object(
          {
            project_id: ruled(
              "ENV-2",
              {
                message: "must be a Scaleway project ID (a lowercase UUID)",
                fix: "Copy the project ID from the Scaleway console (Project settings) or `scw account project list`.",
              },
              { type: "string", pattern: UUID_PATTERN },
            ),
            organization_id: ruled(
              "ENV-3",
              {
                message: "must be a Scaleway organization ID (a lowercase UUID)",
                fix: "Copy the organization ID from the Scaleway console (Organization settings).",
              },
              { type: "string", pattern: UUID_PATTERN },
            ),
            region: ruled(
              "ENV-4",
              { fix: `Use an EU region: ${EU_REGIONS.join(", ")}.` },
              { type: "string", enum: [...EU_REGIONS] },
            ),
            zone: ruled(
              "ENV-4",
              { fix: `Use an EU zone: ${EU_ZONES.join(", ")}.` },
              { type: "string", enum: [...EU_ZONES] },
            ),
          },
          ["project_id", "organization_id", "region", "zone"],
          {
            allOf: EU_REGIONS.map((region) =>
              when("region", region, {
                properties: {
                  zone: ruled(
                    "ENV-4",
                    {
                      message: `must be a zone of ${region}`,
                      fix: `Pick a zone of ${region}: ${EU_REGION_ZONES[region].join(", ")}.`,
                    },
                    { enum: [...EU_REGION_ZONES[region]] },
                  ),
                },
              }),
            ),
          },
        ),
      ),
      networking: ruled(
        "SECU-2",
        { fix: "Declare networking.private_networking (and vpc_id when the VPC exists already)." },
        object(
          {
            vpc_id: {
              type: "string",
              pattern: UUID_PATTERN,
              description: "Optional: an existing VPC to attach the private network to.",
            },
            private_networking: { type: "boolean" },
          },
          ["private_networking"],
        ),
      ),
      compliance: ruled(
        "ENV-4",
        { fix: "Declare compliance.data_residency (EU), audit_logging and encryption_required." },
        object(
          {
            data_residency: ruled(
              "ENV-4",
              { fix: `Set compliance.data_residency: ${DATA_RESIDENCY}.` },
              { type: "string", const: DATA_RESIDENCY },
            ),
            audit_logging: ruled(
              "ENV-5",
              { fix: "Set compliance.audit_logging: true." },
              { type: "boolean", const: true },
            ),
            encryption_required: ruled(
              "ENV-6",
              { fix: "Set compliance.encryption_required to true or false." },
              { type: "boolean" },
            ),
          },
          ["data_residency", "audit_logging", "encryption_required"],
        ),
      ),
    },
    ["name", "scaleway", "networking", "compliance"],
  ),
};
