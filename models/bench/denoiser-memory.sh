#!/usr/bin/env bash
# Process RSS over many denoiser calls through DiffusionModel.predictX0 (every call in its own
# NDManager scope): flat RSS means native tensors are freed as calls return.
#
#   models/bench/denoiser-memory.sh [checkpoint dir or name] [images] [batch] [threads]
#
# Defaults: tiny-clevr-diffusion (embedded), 100000 images, batch 64, 2 threads.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
checkpoint="${1:-tiny-clevr-diffusion}"
[ -d "$checkpoint" ] && checkpoint="$(cd "$checkpoint" && pwd)"
images="${2:-100000}"
batch="${3:-64}"
threads="${4:-2}"
cd "$root"
mvn -B -o -q -pl models -am install -DskipTests
mvn -B -o -q -pl models org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java \
    "-Dexec.args=-cp %classpath dev.diffprobe.models.bench.DenoiserMemory $checkpoint $images $batch $threads" \
    | sed 's/\x1b\[[0-9;]*m//g' | grep -E '^(start|progress|end)'
