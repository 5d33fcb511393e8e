// Validates Kubernetes manifests (Job, PersistentVolumeClaim) with the validators kubernetes-models
// generates from the Kubernetes OpenAPI schema: field types, required fields, enums. Exit 1 if any fails.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { Job } from "kubernetes-models/batch/v1/Job";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
const kinds = { Job, PersistentVolumeClaim };
let failed = 0;
for (const file of process.argv.slice(2)) {
  const doc = parse(readFileSync(file, "utf8"));
  try {
    new kinds[doc.kind](doc).validate();
    console.log("valid  ", file);
  } catch (e) {
    failed++;
    console.log("INVALID", file, e.message.slice(0, 400));
  }
}
process.exit(failed ? 1 : 0);
