package dev.diffprobe.harness.study;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StudyReportTest {
    private static StudyPoint point(String mode, int correct, double calls) {
        return StudyPoint.prefix(mode, mode + "@" + calls, 100, correct, calls);
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

    @Test
    void eachTimedRunIsHeldToTheRawBatchesInterleavedWithItAndItsDiscardedShare() {
        StudyPoint fast = new StudyPoint("pruned", "long", 80, 70, 300, 600, 450, 590, 64, 300, 500, 0.02, 0.9, 0.97);
        StudyPoint wasteful = new StudyPoint("pruned", "tail", 80, 70, 300, 60, 400, 59, 64, 300, 500, 0.15, 0.9, 0.97);
        StudyPoint tiny = new StudyPoint("shared", "one", 8, 7, 8, 0.5, 400, 0.5, 64, 300, Double.NaN, 0, 0.9,
                Double.NaN);
        String goal = StudyReport.rateGoal(List.of(StudyPoint.prefix("naive", "k", 8, 1, 8), fast, wasteful, tiny),
                64, 20, 900);
        assertThat(goal).contains("one raw batch every 20 calls")
                .contains("pruned long (600 s): 450 of 500 = 90.0% (MET), discarded 2.0% (MET).")
                .contains("pruned tail (60 s): 400 of 500 = 80.0% (NOT MET), discarded 15.0% (NOT MET).")
                .contains("shared one (1 s): too short for an interleaved raw batch, discarded 0.0% (MET).")
                .contains("was 900 images/s").doesNotContain("naive k");
    }
}
