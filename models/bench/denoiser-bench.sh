#!/usr/bin/env bash
# Denoiser throughput, Java (DJL) vs Python (torch.jit.load), on the same TorchScript file and the
# same number of intra-op threads, in one run. Rounds alternate Java and Python so that both see
# the same background load; summarize.py keeps each side's best round.
#
#   models/bench/denoiser-bench.sh [checkpoint dir] [threads] [rounds] [seconds per batch size] [mode]
#
# Defaults: models/checkpoints/tiny-clevr-diffusion, 2 threads, 3 rounds, 5 s, mode "alternate".
# Batch sizes 1 8 32 64. Mode "concurrent" starts Java and Python together in each round instead,
# so that both share whatever else the machine is doing at that moment.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
checkpoint="$(cd "${1:-$root/models/checkpoints/tiny-clevr-diffusion}" && pwd)"
threads="${2:-2}"
rounds="${3:-3}"
seconds="${4:-5}"
mode="${5:-alternate}"
batches="1 8 32 64"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

cd "$root"
mvn -B -o -q -pl models -am install -DskipTests
java_round() {
    mvn -B -o -q -pl models org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java \
        "-Dexec.args=-cp %classpath dev.diffprobe.models.bench.DenoiserThroughput $checkpoint $threads $seconds $batches" \
        | sed 's/\x1b\[[0-9;]*m//g' | grep -P '^\d+\t' >> "$out/java.tsv"
}
python_round() {
    /usr/bin/python3 models/bench/denoiser_throughput.py "$checkpoint" "$threads" "$seconds" $batches >> "$out/python.tsv"
}
for round in $(seq "$rounds"); do
    echo "round $round/$rounds ($mode)" >&2
    case "$mode" in
        alternate) java_round; python_round ;;
        concurrent) java_round & python_round & wait ;;
        *) echo "mode must be alternate or concurrent, got '$mode'" >&2; exit 2 ;;
    esac
done
echo "checkpoint: $checkpoint; intra-op threads: $threads; rounds: $rounds x ${seconds}s per batch size ($mode); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 models/bench/summarize.py "$out/java.tsv" "$out/python.tsv"
