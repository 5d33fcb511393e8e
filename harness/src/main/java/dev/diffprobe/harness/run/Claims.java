package dev.diffprobe.harness.run;

import dev.diffprobe.harness.config.ReportSettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The claims a suite's comparisons may make: the harness's own and those declared as services. */
public final class Claims {
    private final Map<String, Claim> byWord;

    private Claims(List<Claim> claims) {
        Map<String, Claim> map = new TreeMap<>();
        claims.forEach(c -> map.putIfAbsent(c.word(), c));
        this.byWord = Collections.unmodifiableMap(map);
    }

    /**
     * The built-in claims and every {@link Claim} service on the class path, with default report
     * settings: enough to name and check comparisons, which no setting changes. Judging uses
     * {@link #load(ReportSettings)}. A broken declaration is a named error.
     */
    public static Claims load() {
        return load(ReportSettings.defaults());
    }

    /** The claims, configured with the run's report settings, to judge with. */
    public static Claims load(ReportSettings settings) {
        List<Claim> found = new ArrayList<>(List.of(PairedClaims.BETTER, PairedClaims.NON_INFERIOR));
        try {
            ServiceLoader.load(Claim.class).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new RunException("cannot load a " + Claim.class.getName() + " service: " + e.getMessage(), e);
        }
        found.forEach(claim -> claim.configure(settings));
        return new Claims(found);
    }

    public Optional<Claim> find(String word) {
        return Optional.ofNullable(byWord.get(word));
    }

    public String words() {
        return String.join(", ", byWord.keySet());
    }
}
