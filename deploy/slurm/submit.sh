#!/bin/bash
# Queues a suite as an array of SHARDS tasks and its merge, which starts when every task has
# succeeded (--dependency=afterok). Prints "<array job id> <merge job id>".
#
#   deploy/slurm/submit.sh SHARDS [extra sbatch options for the array tasks...]
#
# Environment: DIFFPROBE_DIST (default probes/target/dist), DIFFPROBE_OUTPUT (default
# ./diffprobe-output), DIFFPROBE_SUITE (default binding), DIFFPROBE_OPTS (engine settings for
# shards and merge alike, e.g. "-Dexamples=1000 -Dmodel=/ckpt"), DIFFPROBE_GPUS (GPUs per array
# task, default 1; 0 runs on CPUs), JAVA (default java on the nodes' PATH).
set -euo pipefail

shards=${1:?usage: submit.sh SHARDS [sbatch options...]}
shift
if ! [[ $shards =~ ^[1-9][0-9]*$ ]]; then
    echo "submit.sh: SHARDS must be a whole number >= 1, got '$shards'" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
export DIFFPROBE_DIST=$(realpath "${DIFFPROBE_DIST:-probes/target/dist}")
export DIFFPROBE_OUTPUT=$(realpath -m "${DIFFPROBE_OUTPUT:-diffprobe-output}")
export DIFFPROBE_SUITE=${DIFFPROBE_SUITE:-binding}
export DIFFPROBE_OPTS=${DIFFPROBE_OPTS:-}
if [[ ! -f $DIFFPROBE_DIST/diffprobe.jar ]]; then
    echo "submit.sh: no $DIFFPROBE_DIST/diffprobe.jar; build it with mvn -B -Pdist -pl probes -am package -DskipTests" >&2
    exit 2
fi
mkdir -p "$DIFFPROBE_OUTPUT"

gpus=()
if [[ ${DIFFPROBE_GPUS:-1} != 0 ]]; then
    gpus=(--gres="gpu:${DIFFPROBE_GPUS:-1}")
fi
array=$(sbatch --parsable --chdir="$DIFFPROBE_OUTPUT" --array="0-$((shards - 1))" "${gpus[@]}" "$@" \
    "$here/diffprobe-shard.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --chdir="$DIFFPROBE_OUTPUT" --dependency="afterok:$array" \
    "$here/diffprobe-merge.sbatch")
merge=${merge%%;*}
echo "$array $merge"
