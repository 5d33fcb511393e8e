package dev.diffprobe.harness.study;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StudyReportTest {
    private static StudyPoint point(String mode, int correct, double calls) {
        return new StudyPoint(mode, mode + "@" + calls, 100, correct, calls, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);
    }

    @Test
    void theCheapestPrunedPointWithinOnePointIsComparedWithTheFirstNaivePointAsGood() {
        List<StudyPoint> points = List.of(point("naive", 60, 8), point("naive", 80, 80), point("naive", 90, 4000),
                point("shared", 91, 800), point("pruned", 90, 30), point("pruned", 91, 300));
        assertThat(StudyReport.callGoal(points)).contains("best accuracy 0.910")
                .contains("pruned@30.0, accuracy 0.900 at 30.0 calls/example")
                .contains("at 4000 calls/example (naive@4000.0): 133.3x more. Goal (>= 100x): MET.");
    }

    @Test
    void aNaiveSweepThatNeverGetsThereGivesOnlyALowerBound() {
        List<StudyPoint> points = List.of(point("naive", 60, 8), point("naive", 70, 400), point("pruned", 90, 40));
        assertThat(StudyReport.callGoal(points)).contains("Naive never reaches that accuracy in the sweep (up to 400"
                + " calls/example), so the factor is more than 10.0x");
    }

    @Test
    void noPrunedPointNearTheBestIsNotMet() {
        List<StudyPoint> points = List.of(point("shared", 95, 400), point("pruned", 90, 40));
        assertThat(StudyReport.callGoal(points)).startsWith("Calls: NOT MET");
    }
}
