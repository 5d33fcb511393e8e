package dev.diffprobe.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTest {

    private static NoiseSchedule schedule(String fixture) {
        return Schedules.of(ModelConfig.read(Fixtures.dir(fixture)).schedule());
    }

    @ParameterizedTest(name = "{0}: alpha_bar matches the Python formula")
    @ValueSource(strings = {"tiny-diffusion", "tiny-latent", "tiny-x0"})
    void alphaBarMatchesPython(String fixture) throws IOException {
        ModelConfig config = ModelConfig.read(Fixtures.dir(fixture));
        Reference reference = Reference.read(Fixtures.dir(fixture));
        NoiseSchedule schedule = Schedules.of(config.schedule());
        double[] n = reference.doubles("alpha_bar", "n");
        double[] expected = reference.doubles("alpha_bar", "value");
        for (int i = 0; i < n.length; i++) {
            double alpha = schedule.alpha(n[i] / (config.schedule().trainTimesteps() - 1));
            // both sides compute in double; only rounding separates them
            assertThat(alpha * alpha).as("alpha_bar(%s)", n[i]).isCloseTo(expected[i], offset(1e-12));
        }
    }

    @ParameterizedTest(name = "{0}: alpha^2 + sigma^2 = 1, SNR falls with t")
    @ValueSource(strings = {"tiny-diffusion", "tiny-latent", "tiny-x0"})
    void varianceIsPreservedAndSnrFalls(String fixture) {
        NoiseSchedule schedule = schedule(fixture);
        double previous = Double.POSITIVE_INFINITY;
        for (int i = 1; i <= 1000; i++) {
            double t = i / 1000.0;
            double a = schedule.alpha(t);
            double s = schedule.sigma(t);
            assertThat(a * a + s * s).isCloseTo(1.0, offset(1e-12));
            assertThat(schedule.snr(t)).isCloseTo(a * a / (s * s), withinPercentage(1e-9)).isLessThanOrEqualTo(previous);
            previous = schedule.snr(t);
        }
    }

    @ParameterizedTest(name = "{0}: dSNR/dt matches a central difference")
    @ValueSource(strings = {"tiny-diffusion", "tiny-latent", "tiny-x0"})
    void snrDerivativeMatchesFiniteDifference(String fixture) {
        NoiseSchedule schedule = schedule(fixture);
        // points inside interpolation segments (not at knots, where the slope jumps), away from the cosine floor
        for (double t : new double[] {0.0137, 0.2513, 0.5071, 0.7529, 0.9013}) {
            double h = 1e-7;
            double numeric = (schedule.snr(t + h) - schedule.snr(t - h)) / (2 * h);
            assertThat(schedule.snrDerivative(t)).as("t = %s", t).isCloseTo(numeric, withinPercentage(1e-3))
                    .isNegative();
        }
    }

    @ParameterizedTest(name = "{0}: timestep is t (T - 1)")
    @ValueSource(strings = {"tiny-diffusion", "tiny-x0"})
    void timestepIsOnTheTrainScale(String fixture) {
        NoiseSchedule schedule = schedule(fixture);
        int last = ModelConfig.read(Fixtures.dir(fixture)).schedule().trainTimesteps() - 1;
        assertThat(schedule.timestep(0)).isZero();
        assertThat(schedule.timestep(1)).isEqualTo((float) last);
        assertThat(schedule.timestep(0.5)).isEqualTo((float) (0.5 * last));
        assertThatThrownBy(() -> schedule.alpha(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> schedule.timestep(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "discrete {0}: integer n gives the train schedule's alpha_bar exactly")
    @ValueSource(strings = {"tiny-latent", "tiny-x0"})
    void discreteScheduleHitsTheTableAtIntegers(String fixture) {
        ScheduleConfig config = ModelConfig.read(Fixtures.dir(fixture)).schedule();
        NoiseSchedule schedule = Schedules.of(config);
        int steps = config.trainTimesteps();
        double alphaBar = 1;
        for (int k = 0; k < steps; k++) {
            double fraction = k / (double) (steps - 1);
            double beta = config.type() == ScheduleConfig.Type.SCALED_LINEAR
                    ? Math.pow(Math.sqrt(config.betaStart())
                            + (Math.sqrt(config.betaEnd()) - Math.sqrt(config.betaStart())) * fraction, 2)
                    : config.betaStart() + (config.betaEnd() - config.betaStart()) * fraction;
            alphaBar *= 1 - beta;
            double alpha = schedule.alpha(k / (double) (steps - 1));
            assertThat(alpha * alpha).as("n = %d", k).isCloseTo(alphaBar, offset(1e-12));
        }
    }

    @ParameterizedTest(name = "cosine: floor and end points")
    @ValueSource(strings = {"tiny-diffusion"})
    void cosineEnds(String fixture) {
        NoiseSchedule schedule = schedule(fixture);
        assertThat(schedule.alpha(0)).isEqualTo(1.0);
        assertThat(schedule.snr(0)).isInfinite();
        assertThat(schedule.alpha(1) * schedule.alpha(1)).isCloseTo(CosineSchedule.MIN_ALPHA_BAR, offset(1e-15));
        assertThat(schedule.snrDerivative(1)).as("flat on the floor").isZero();
    }
}
