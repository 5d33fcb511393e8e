package dev.diffprobe.harness.study;

/**
 * One point of the study's Figure 2: a mode at one setting, its accuracy and the mean denoiser
 * calls per example it took. {@code wallSeconds}, {@code imagesPerSecond} (useful images over
 * wall time), {@code modelSeconds} (time inside predictX0) and {@code meanBatch} (images per
 * predictX0 call) and {@code adjacentRawRate} (the raw predictX0 rate measured around the run)
 * are NaN for points read off the prefix of a longer run (see {@link EfficiencyStudy}).
 */
record StudyPoint(String mode, String setting, int examples, int correct, double meanCalls,
                  double wallSeconds, double imagesPerSecond, double modelSeconds, double meanBatch,
                  double adjacentRawRate) {
    /** Realized useful images/s as a share of the raw rate measured around the run. */
    double adjacentShare() {
        return imagesPerSecond / adjacentRawRate;
    }

    double accuracy() {
        return (double) correct / examples;
    }
}
