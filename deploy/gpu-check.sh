#!/usr/bin/env bash
# The first run on a GPU machine, in one go (about 8 minutes with a warm Maven cache, 3 of them exports):
#   1. builds harness and its modules with -Pcuda (the CUDA 12.4 libtorch from Maven Central),
#   2. runs both committed diffusion checkpoints on 16 fixed inputs on the CPU and on the GPU and
#      compares the x0 estimates (tolerance 1e-3, float32),
#   3. measures the denoiser's images/s by batch size on both devices,
#   4. half precision: the float16 and bfloat16 copies of the tiny-diffusion test fixture on the GPU
#      against its float32 original on the CPU (the dtype's tolerance, relative to each image's
#      scale), and the images/s by batch of tiny-clevr-diffusion exported in float32 and those
#      dtypes (models/training/export.py --dtype with /usr/bin/python3, which needs torch with that
#      dtype's CPU kernels, and matplotlib: the report says which export was skipped and why),
#   5. classifies the 8-way colour task (64 examples) with Algorithm 1 and the fewest-calls rule
#      (moderated, maxScores 16, t in the colour task's fitted window) on both devices (estimator
#      study) and compares predictions and calls,
#   6. writes OUT/report.md (and keeps every file it compared).
#
#   deploy/gpu-check.sh [--dry-run] [OUT]      (default OUT: target/gpu-check)
#
# --dry-run builds the CPU libtorch and runs the "GPU" side on the CPU too, with short rate
# measurements (batch 1 and 8) and 8 examples: it checks the script and its tools on any machine, and its report
# says that no GPU took part. Both half fixtures run there (libtorch 2.5.1 has CPU kernels for both);
# the float16 export is skipped under Debian's torch 1.13, which has none.
# Exit status: 0 when every comparison passes, 1 otherwise.
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
# bin/java: the instruction-set cap of pom.xml's test JVMs, so that the CPU side is right on every processor.
run() { "$root/bin/java" -Djava.awt.headless=true "$@" 2>>"$out/java.log"; }

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

fixtures="$root/models/src/test/resources/fixtures"
halfside="$([ "$device" = gpu ] && echo GPU || echo 'CPU (dry run)')"
log "half precision: tiny-diffusion fixture, float32 on the CPU"
run -Ddiffprobe.device=cpu -cp "$cp" dev.diffprobe.harness.study.DeviceCheck dump "$fixtures/tiny-diffusion" \
    "$out/tiny-diffusion-float32-cpu.bin" "$out/tiny-diffusion-float32-cpu-rate.csv" "$seconds" 1 >/dev/null
{
    echo "## Half precision"
    echo
    echo "x0 of the tiny-diffusion fixture's half copies on the $halfside vs its float32 original on the CPU:"
    echo
} >>"$report"
for dtype in float16 bfloat16; do
    name="tiny-diffusion-$dtype-$device"
    log "half precision: $name"
    run -Ddiffprobe.device="$device" -cp "$cp" dev.diffprobe.harness.study.DeviceCheck dump "$fixtures/tiny-diffusion-$dtype" \
        "$out/$name.bin" "$out/$name-rate.csv" "$seconds" 1 >/dev/null
    line=$(run -cp "$cp" dev.diffprobe.harness.study.DeviceCheck compare "$out/tiny-diffusion-float32-cpu.bin" \
        "$out/$name.bin" "$dtype") || status=1
    echo "- $dtype: $line" >>"$report"
done
echo >>"$report"
for dtype in float32 float16 bfloat16; do
    export="$out/tiny-clevr-diffusion-$dtype"
    log "half precision: export tiny-clevr-diffusion as $dtype"
    if ! /usr/bin/python3 "$root/models/training/export.py" --state "$root/models/training/runs/clevr-diffusion/state.pt" \
        --name "tiny-clevr-diffusion-$dtype" --out "$export" --dtype "$dtype" >"$out/export-$dtype.log" 2>&1; then
        echo "- tiny-clevr-diffusion as $dtype: not measured, its export failed: $(grep -v Warning "$out/export-$dtype.log" | tail -n 1)" >>"$report"
        continue
    fi
    run -Ddiffprobe.device="$device" -cp "$cp" dev.diffprobe.harness.study.DeviceCheck dump "$export" \
        "$out/tiny-clevr-diffusion-$dtype-$device.bin" "$out/tiny-clevr-diffusion-$dtype-rate.csv" "$seconds" "$maxbatch" >/dev/null \
        || { echo "- tiny-clevr-diffusion as $dtype: FAIL, see $out/java.log" >>"$report"; status=1; continue; }
done
batches=$(cat "$out"/tiny-clevr-diffusion-*-rate.csv 2>/dev/null | grep -v '^batch' | cut -d, -f1 | sort -nu || true)
{
    echo
    echo "Denoiser images/s of tiny-clevr-diffusion by dtype on the $halfside (empty: not measured):"
    echo
    echo "| batch | float32 | float16 | bfloat16 |"
    echo "|---|---|---|---|"
    for batch in $batches; do
        row="| $batch"
        for dtype in float32 float16 bfloat16; do
            row="$row | $(grep "^$batch," "$out/tiny-clevr-diffusion-$dtype-rate.csv" 2>/dev/null | cut -d, -f2 || true)"
        done
        echo "$row |"
    done
    echo
} >>"$report"

rules="algorithm1:minScores=4,maxScores=20,cutoffPval=0.002;wModerated16:tMin=0.4,tMax=0.9,pruning=moderated,minScores=3,maxScores=16,cutoffPval=0.01"
for name in cpu gpu; do
    log "colour task, $examples examples, on the $name side"
    run -Ddiffprobe.device="$([ "$name" = cpu ] && echo cpu || echo "$device")" -cp "$cp" dev.diffprobe.harness.study.EstimatorStudy --tasks colour \
        --examples "$examples" --rules "$rules" --out "$out/study-$name" >/dev/null
done
{
    echo "## Classifier: 8-way colour task, $examples examples"
    echo
    for rule in algorithm1 wModerated16; do
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
