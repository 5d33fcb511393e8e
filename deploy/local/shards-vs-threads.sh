#!/bin/bash
# On one machine, three ways to use N cores for a suite: one JVM with N libtorch threads, one JVM
# with N single-threaded classifier workers (diffprobe.workers), and N single-threaded shards run
# side by side and merged. Prints the wall times and checks that all give the same verdicts.
#
#   deploy/local/shards-vs-threads.sh [N] [engine settings...]     e.g. 2 -Dsuite=binding -Dexamples=50
#
# Needs probes/target/dist (mvn -B -Pdist -pl probes -am package -DskipTests). Results go to
# a fresh temporary folder, which is printed.
set -euo pipefail

n=${1:-2}
shift || true
settings=("$@")
[[ ${#settings[@]} -gt 0 ]] || settings=(-Dsuite=binding)
dist=$(realpath "${DIFFPROBE_DIST:-probes/target/dist}")
java=${JAVA:-java}
# As bin/java does for Maven's JVMs: freed blocks stay in glibc's heap (see bin/java).
export MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-33554432} MALLOC_TRIM_THRESHOLD_=${MALLOC_TRIM_THRESHOLD_:-1073741824}
out=$(mktemp -d /tmp/diffprobe-shards-vs-threads-XXXXXX)
run() { "$java" "$@" -jar "$dist/diffprobe.jar" "$dist/suites"; }

start=$(date +%s.%N)
run "${settings[@]}" -Ddiffprobe.threads="$n" -Ddiffprobe.workers=1 -Ddiffprobe.output="$out/threads" \
    -Dallure.results.directory="$out/threads/allure" > "$out/threads.log" 2>&1 || true
threads=$(echo "$(date +%s.%N) - $start" | bc)

start=$(date +%s.%N)
run "${settings[@]}" -Ddiffprobe.threads=1 -Ddiffprobe.workers="$n" -Ddiffprobe.output="$out/workers" \
    -Dallure.results.directory="$out/workers/allure" > "$out/workers.log" 2>&1 || true
workers=$(echo "$(date +%s.%N) - $start" | bc)

start=$(date +%s.%N)
pids=()
for ((i = 0; i < n; i++)); do
    run "${settings[@]}" -Dshard="$i/$n" -Ddiffprobe.threads=1 -Ddiffprobe.workers=1 -Ddiffprobe.output="$out/shards" \
        -Dallure.results.directory="$out/shards/allure-$i" > "$out/shard-$i.log" 2>&1 &
    pids+=($!)
done
for pid in "${pids[@]}"; do
    wait "$pid" || { echo "a shard failed: see $out/shard-*.log" >&2; exit 1; }
done
sharded=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N)
run "${settings[@]}" -Dmerge="$out/shards" -Ddiffprobe.output="$out/shards" \
    -Dallure.results.directory="$out/shards/allure" > "$out/merge.log" 2>&1 || true
merge=$(echo "$(date +%s.%N) - $start" | bc)

verdicts() { grep -E '^(PASSED|FAILED) ' "$1" | sort; }
if diff <(verdicts "$out/threads.log") <(verdicts "$out/merge.log") > /dev/null \
    && diff <(verdicts "$out/threads.log") <(verdicts "$out/workers.log") > /dev/null; then same=yes; else same=NO; fi
printf 'one JVM, %d threads: %.1f s\none JVM, %d workers x 1 thread: %.1f s\n%d shards x 1 thread: %.1f s, merge %.1f s, total %.1f s\nsame verdicts and figures: %s\nfiles: %s\n' \
    "$n" "$threads" "$n" "$workers" "$n" "$sharded" "$merge" "$(echo "$sharded + $merge" | bc)" "$same" "$out"
