package dev.diffprobe.harness.study;

/**
 * One point of the study's Figure 2: a mode at one setting, its accuracy and the mean denoiser
 * calls per example it took. {@code wallSeconds}, {@code imagesPerSecond} (useful images over
 * wall time), {@code modelSeconds} (time inside predictX0) and {@code meanBatch} (images per
 * predictX0 call) are NaN for points read off the prefix of a longer run (see
 * {@link EfficiencyStudy}).
 */
record StudyPoint(String mode, String setting, int examples, int correct, double meanCalls,
                  double wallSeconds, double imagesPerSecond, double modelSeconds, double meanBatch) {
    double accuracy() {
        return (double) correct / examples;
    }
}
