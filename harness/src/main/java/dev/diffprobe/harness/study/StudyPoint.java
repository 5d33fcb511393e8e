package dev.diffprobe.harness.study;

/**
 * One point of the study's Figure 2: a mode at one setting, its accuracy and the mean denoiser
 * calls per example it took. The rest describe the run's speed and are NaN for points read off
 * the prefix of a longer run (see {@link EfficiencyStudy}):
 * {@code wallSeconds} the classifier's wall time without the interleaved raw batches,
 * {@code imagesPerSecond} useful images over that time, {@code modelSeconds} its time inside
 * predictX0, {@code meanBatch} images per predictX0 call, {@code adjacentRawRate} the raw rate
 * measured just before and after the run, {@code interleavedRawRate} the raw rate of the batches
 * interleaved with the run's calls ({@link InterleavedRawRate}), {@code discardedShare}
 * look-ahead images whose results were thrown away over all images computed,
 * {@code onCpuShare} the classifying thread's CPU time over its wall time, and
 * {@code cpuRateShare} useful images per CPU second of the run over raw images per CPU second
 * of the interleaved batches, which the machine's load does not move.
 */
record StudyPoint(String mode, String setting, int examples, int correct, double meanCalls,
                  double wallSeconds, double imagesPerSecond, double modelSeconds, double meanBatch,
                  double adjacentRawRate, double interleavedRawRate, double discardedShare, double onCpuShare,
                  double cpuRateShare) {

    /** A point read off the prefix of a longer run: accuracy and calls only. */
    static StudyPoint prefix(String mode, String setting, int examples, int correct, double meanCalls) {
        return new StudyPoint(mode, setting, examples, correct, meanCalls, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    boolean timed() {
        return !Double.isNaN(wallSeconds);
    }

    /** Realized useful images/s as a share of the raw rate measured around the run. */
    double adjacentShare() {
        return imagesPerSecond / adjacentRawRate;
    }

    /** Realized useful images/s as a share of the raw rate interleaved with the run. */
    double interleavedShare() {
        return imagesPerSecond / interleavedRawRate;
    }

    double accuracy() {
        return (double) correct / examples;
    }
}
