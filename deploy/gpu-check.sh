#!/usr/bin/env bash
# The first run on a GPU machine, in one go (about 5 minutes with a warm Maven cache):
#   1. builds harness and its modules with -Pcuda (the CUDA 12.4 libtorch from Maven Central),
#   2. runs both committed diffusion checkpoints on 16 fixed inputs on the CPU and on the GPU and
#      compares the x0 estimates (tolerance 1e-3, float32),
#   3. measures the denoiser's images/s by batch size on both devices,
#   4. classifies the 8-way colour task (64 examples) with Algorithm 1 and the predictive rule on
#      both devices (estimator study) and compares predictions and calls,
#   5. writes OUT/report.md (and keeps every file it compared).
#
#   deploy/gpu-check.sh [--dry-run] [OUT]      (default OUT: target/gpu-check)
#
# --dry-run builds the CPU libtorch and runs the "GPU" side on the CPU too, with short rate
# measurements (batch 1 and 8) and 8 examples: it checks the script and its tools on any machine, and its report
# says that no GPU took part. Exit status: 0 when every comparison passes, 1 otherwise.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dry=false
if [ "${1:-}" = "--dry-run" ]; then dry=true; shift; fi
out="$(mkdir -p "${1:-$root/target/gpu-check}" && cd "${1:-$root/target/gpu-check}" && pwd)"
if $dry; then profile=""; device=cpu; seconds=0.5; examples=8; maxbatch=8; else profile="-Pcuda"; device=gpu; seconds=3; examples=64; maxbatch=256; fi
cd "$root"
start=$(date +%s)
log() { echo "[gpu-check] $*" >&2; }

log "build ${profile:-(cpu libtorch, dry run)}"
mvn -B -q $profile -pl harness -am compile dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" >"$out/build.log" 2>&1 \
    || { log "build failed, see $out/build.log"; exit 1; }
cp="$root/harness/target/classes:$(cat "$out/classpath.txt")"
run() { java -Djava.awt.headless=true "$@" 2>>"$out/java.log"; }

status=0
report="$out/report.md"
{
    echo "# GPU check $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    if $dry; then echo "DRY RUN: both sides ran on the CPU; no GPU took part."; fi
    echo "machine: $(nproc) cores; $(command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || echo 'no nvidia-smi')"
    echo
} >"$report"
for checkpoint in tiny-clevr-diffusion tiny-fashion-diffusion; do
    for side in cpu gpu; do
        name="$checkpoint-$side"
        log "$name: fixed inputs and images/s by batch"
        run -Ddiffprobe.device="$([ "$side" = cpu ] && echo cpu || echo "$device")" -cp "$cp" dev.diffprobe.harness.study.DeviceCheck dump "$checkpoint" \
            "$out/$name.bin" "$out/$name-rate.csv" "$seconds" "$maxbatch" >/dev/null
    done
    line=$(run -cp "$cp" dev.diffprobe.harness.study.DeviceCheck compare "$out/$checkpoint-cpu.bin" \
        "$out/$checkpoint-gpu.bin" 1e-3) || status=1
    {
        echo "## $checkpoint"
        echo
        echo "x0 on CPU vs GPU: $line"
        echo
        echo "| batch | CPU images/s | GPU images/s |"
        echo "|---|---|---|"
        join -t, <(tail -n +2 "$out/$checkpoint-cpu-rate.csv") <(tail -n +2 "$out/$checkpoint-gpu-rate.csv") | sed 's/,/ | /g; s/^/| /; s/$/ |/'
        echo
    } >>"$report"
done

rules="algorithm1:minScores=4,maxScores=20,cutoffPval=0.002;predictive:pruning=predictive,minScores=3,maxScores=20,cutoffPval=0.01"
for name in cpu gpu; do
    log "colour task, $examples examples, on the $name side"
    run -Ddiffprobe.device="$([ "$name" = cpu ] && echo cpu || echo "$device")" -cp "$cp" dev.diffprobe.harness.study.EstimatorStudy --tasks colour \
        --examples "$examples" --rules "$rules" --out "$out/study-$name" >/dev/null
done
{
    echo "## Classifier: 8-way colour task, $examples examples"
    echo
    for rule in algorithm1 predictive; do
        echo "- $rule, CPU vs GPU: $(run -cp "$cp" dev.diffprobe.harness.study.DeviceCheck outcomes \
            "$out/study-cpu/colour-outcomes-$rule.csv" "$out/study-gpu/colour-outcomes-$rule.csv")"
    done
    echo
    echo "Recording runs (realized rate, share of wall time in predictX0, mean batch):"
    echo
    grep -h "in predictX0" "$out/java.log" | sed 's/^\[estimator study\] */- /'
    echo
    echo "GPU side's table:"
    echo
    sed -n '/^| task/,$p' "$out/study-gpu/summary.md"
    echo
    echo "wall time: $(( $(date +%s) - start )) s; exit status $status"
} >>"$report"
cat "$report"
exit $status
