package dev.diffprobe.harness.engine;

import dev.diffprobe.harness.config.SettingSource;
import dev.diffprobe.harness.config.Settings;
import dev.diffprobe.harness.run.AllureReport;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts each test plan that holds DiffProbe tests with an Allure results folder of its own
 * ({@link AllureReport#startRun}: earlier runs' results go, {@code history/} stays,
 * {@code categories.json} comes), so that a report made after the run shows that run alone: the
 * folder {@code allure.results.directory} names (never a default one nobody named). A
 * listener of the launcher, registered through {@code META-INF/services}, because the folder must
 * be emptied once per run, before any engine writes to it: not by the engine, which may run
 * after other engines of the same plan, or nested several times under the suite engine.
 */
public final class AllureRunStart implements TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        if (!AllureReport.writing() || testPlan.countTestIdentifiers(id -> id.isTest()
                && isDiffProbe(id.getUniqueIdObject())) == 0) {
            return;
        }
        Settings.read(SettingSource.of(testPlan.getConfigurationParameters())).reports().allureResults()
                .ifPresent(AllureReport::startRun);
    }

    private static boolean isDiffProbe(UniqueId id) {
        return id.getSegments().stream().anyMatch(s -> s.getType().equals("engine") && s.getValue().equals(DiffProbeEngine.ID));
    }
}
