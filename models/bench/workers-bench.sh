#!/usr/bin/env bash
# Several single-threaded workers against one multi-threaded one: denoiser images per second of
# (A) one JVM with N libtorch intra-op threads, (B) N JVMs with one thread each, side by side (the
# shape of N shards, -Dshard=i/N, each with one libtorch thread), and (C) one JVM with one
# thread. Rounds alternate A, B, C so that all see the same background load.
#
#   models/bench/workers-bench.sh [checkpoint dir] [N] [rounds] [seconds] [batch]
#
# Defaults: models/checkpoints/tiny-clevr-diffusion, 2, 3 rounds, 15 s, batch 64. Prints one line
# per run: configuration, images per wall second (summed over B's workers) and per CPU second.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
checkpoint="$(cd "${1:-$root/models/checkpoints/tiny-clevr-diffusion}" && pwd)"
workers="${2:-2}"
rounds="${3:-3}"
seconds="${4:-15}"
batch="${5:-64}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

cd "$root"
mvn -B -o -q -pl models -am compile dependency:build-classpath -Dmdep.outputFile="$out/cp.txt"
classpath="$root/models/target/classes:$(cat "$out/cp.txt")"
bench() {
    java -cp "$classpath" dev.diffprobe.models.bench.DenoiserThroughput \
        "$checkpoint" "$1" "$seconds" "$batch" 2>/dev/null | grep -P '^\d+\t' | cut -f2,3
}
for round in $(seq "$rounds"); do
    load="$(cut -d' ' -f1 /proc/loadavg)"
    echo "round $round A: 1 worker x $workers threads (load $load): $(bench "$workers" | tr '\t' ' ')"
    for w in $(seq "$workers"); do bench 1 > "$out/b$w" & done
    wait
    echo "round $round B: $workers workers x 1 thread (load $load): $(cat "$out"/b* | awk '{w += $1; c += $2} END {printf "%.2f %.2f (sum of %d)", w, c / NR, NR}')"
    echo "round $round C: 1 worker x 1 thread (load $(cut -d' ' -f1 /proc/loadavg)): $(bench 1 | tr '\t' ' ')"
done
echo "checkpoint $checkpoint, batch $batch, ${seconds}s per run, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
