package dev.diffprobe.harness.shard;

import dev.diffprobe.harness.config.DiffProbeSettings;
import dev.diffprobe.harness.config.Settings;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline check of deploy/: the Kubernetes manifests hold the fields the shard contract
 * relies on (an Indexed Job whose completions equal the shard count, a shared volume where the
 * shards write and the merge reads, one GPU per shard pod, the merge with the shards' settings)
 * and only field names of the batch/v1 and core/v1 schemas at the levels they use; the Slurm
 * scripts and manifests pass only settings the engine knows. No cluster runs here.
 */
class DeploymentFilesTest {
    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Pattern SETTING = Pattern.compile("-D([A-Za-z][A-Za-z0-9._]*)=");
    /** Settings of others that the scripts pass through: Allure's results folder. */
    private static final Set<String> FOREIGN = Set.of("allure.results.directory");

    private static final Set<String> OBJECT = Set.of("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> JOB_SPEC = Set.of("activeDeadlineSeconds", "backoffLimit",
            "backoffLimitPerIndex", "completionMode", "completions", "managedBy", "manualSelector",
            "maxFailedIndexes", "parallelism", "podFailurePolicy", "podReplacementPolicy", "selector",
            "successPolicy", "suspend", "template", "ttlSecondsAfterFinished");
    private static final Set<String> POD_SPEC_USED = Set.of("restartPolicy", "containers", "volumes");
    private static final Set<String> CONTAINER_USED = Set.of("name", "image", "command", "args", "env",
            "resources", "volumeMounts");

    @Test
    void theShardsAreAnIndexedJobWithOneGpuPerPodWritingToTheSharedVolume() {
        Map<String, Object> job = yaml("kubernetes/shards-job.yaml");
        Map<String, Object> spec = map(job, "spec");
        assertObject(job, "batch/v1", "Job");
        assertThat(spec.keySet()).isSubsetOf(JOB_SPEC);
        assertThat(spec.get("completionMode")).isEqualTo("Indexed");
        int completions = (Integer) spec.get("completions");
        assertThat((Integer) spec.get("parallelism")).isBetween(1, completions);
        Map<String, Object> pod = map(map(spec, "template"), "spec");
        assertThat(pod.keySet()).isSubsetOf(POD_SPEC_USED);
        assertThat(pod.get("restartPolicy")).isIn("Never", "OnFailure");
        Map<String, Object> container = onlyContainer(pod);
        Map<String, String> settings = settings(container);

        assertThat(settings).containsEntry(DiffProbeSettings.SHARD_COUNT, Integer.toString(completions))
                .doesNotContainKeys(DiffProbeSettings.SHARD, DiffProbeSettings.MERGE);
        assertThat(map(map(container, "resources"), "limits")).containsEntry("nvidia.com/gpu", 1);
        Map<String, Object> index = list(container, "env").stream().map(DeploymentFilesTest::asMap)
                .filter(e -> ShardEnvironment.K8S_INDEX.equals(e.get("name"))).findFirst().orElseThrow();
        assertThat(map(map(index, "valueFrom"), "fieldRef").get("fieldPath"))
                .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        assertThat(mountPath(container, pod)).isEqualTo(settings.get(DiffProbeSettings.OUTPUT));
    }

    @Test
    void theMergeReadsWhereTheShardsWroteWithTheirSettingsAndNeedsNoGpu() {
        Map<String, Object> shards = yaml("kubernetes/shards-job.yaml");
        Map<String, Object> merge = yaml("kubernetes/merge-job.yaml");
        Map<String, Object> pvc = yaml("kubernetes/results-pvc.yaml");
        assertObject(merge, "batch/v1", "Job");
        assertObject(pvc, "v1", "PersistentVolumeClaim");
        assertThat(list(map(pvc, "spec"), "accessModes")).contains("ReadWriteMany");
        Map<String, Object> mergeSpec = map(merge, "spec");
        assertThat(mergeSpec.keySet()).isSubsetOf(JOB_SPEC);
        assertThat(mergeSpec.get("completionMode")).isIn(null, "NonIndexed");
        Map<String, Object> shardPod = map(map(map(shards, "spec"), "template"), "spec");
        Map<String, Object> mergePod = map(map(mergeSpec, "template"), "spec");
        assertThat(mergePod.keySet()).isSubsetOf(POD_SPEC_USED);
        Map<String, Object> mergeContainer = onlyContainer(mergePod);
        Map<String, String> shardSettings = settings(onlyContainer(shardPod));
        Map<String, String> mergeSettings = settings(mergeContainer);

        assertThat(mergeContainer).doesNotContainKey("resources");
        assertThat(mergeSettings.get(DiffProbeSettings.MERGE)).isEqualTo(shardSettings.get(DiffProbeSettings.OUTPUT));
        assertThat(mountPath(mergeContainer, mergePod)).isEqualTo(mountPath(onlyContainer(shardPod), shardPod));
        assertThat(claim(mergePod)).isEqualTo(claim(shardPod)).isEqualTo(map(pvc, "metadata").get("name"));
        Map<String, String> shared = new TreeMap<>(shardSettings);
        shared.keySet().removeAll(Set.of(DiffProbeSettings.SHARD_COUNT, "allure.results.directory",
                "diffprobe.device"));
        Map<String, String> merged = new TreeMap<>(mergeSettings);
        merged.keySet().removeAll(Set.of(DiffProbeSettings.MERGE, "allure.results.directory"));
        assertThat(merged).as("the merge runs with the shards' settings").isEqualTo(shared);
    }

    @Test
    void theScriptsAndManifestsPassOnlySettingsTheEngineKnows() throws IOException {
        Set<String> known = new HashSet<>(Settings.knownPrefixedKeys());
        known.addAll(DiffProbeSettings.SHORT_KEYS);
        known.addAll(FOREIGN);
        for (String file : List.of("slurm/diffprobe-shard.sbatch", "slurm/diffprobe-merge.sbatch",
                "kubernetes/shards-job.yaml", "kubernetes/merge-job.yaml")) {
            Matcher m = SETTING.matcher(Files.readString(DEPLOY.resolve(file)));
            int found = 0;
            while (m.find()) {
                assertThat(m.group(1)).as("a setting in %s", file).isIn(known);
                found++;
            }
            assertThat(found).as("settings in %s", file).isGreaterThan(2);
        }
        String submit = Files.readString(DEPLOY.resolve("slurm/submit.sh"));
        assertThat(submit).contains("--array=\"0-$((shards - 1))\"").contains("--dependency=\"afterok:$array\"");
    }

    private static void assertObject(Map<String, Object> object, String apiVersion, String kind) {
        assertThat(object.keySet()).isSubsetOf(OBJECT);
        assertThat(object.get("apiVersion")).isEqualTo(apiVersion);
        assertThat(object.get("kind")).isEqualTo(kind);
        assertThat(map(object, "metadata").get("name")).isInstanceOf(String.class);
    }

    private static Map<String, Object> onlyContainer(Map<String, Object> pod) {
        List<Object> containers = list(pod, "containers");
        assertThat(containers).hasSize(1);
        Map<String, Object> container = asMap(containers.get(0));
        assertThat(container.keySet()).isSubsetOf(CONTAINER_USED);
        assertThat(container.get("image")).isInstanceOf(String.class);
        return container;
    }

    /** The {@code -Dkey=value} arguments of a container's command, by key. */
    private static Map<String, String> settings(Map<String, Object> container) {
        Map<String, String> settings = new TreeMap<>();
        for (Object arg : list(container, "command")) {
            String text = arg.toString();
            if (text.startsWith("-D") && text.contains("=")) {
                settings.put(text.substring(2, text.indexOf('=')), text.substring(text.indexOf('=') + 1));
            }
        }
        assertThat(list(container, "command")).contains("-jar", "/opt/diffprobe/diffprobe.jar");
        return settings;
    }

    private static String mountPath(Map<String, Object> container, Map<String, Object> pod) {
        Map<String, Object> mount = asMap(list(container, "volumeMounts").get(0));
        assertThat(list(pod, "volumes").stream().map(DeploymentFilesTest::asMap).map(v -> v.get("name")))
                .contains(mount.get("name"));
        return (String) mount.get("mountPath");
    }

    private static Object claim(Map<String, Object> pod) {
        return map(asMap(list(pod, "volumes").get(0)), "persistentVolumeClaim").get("claimName");
    }

    private static Map<String, Object> yaml(String file) {
        try {
            return asMap(new Load(LoadSettings.builder().build()).loadFromString(Files.readString(DEPLOY.resolve(file))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return asMap(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        assertThat(parent.get(key)).as(key).isInstanceOf(List.class);
        return (List<Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
