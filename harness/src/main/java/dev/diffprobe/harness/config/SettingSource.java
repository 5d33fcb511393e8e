package dev.diffprobe.harness.config;

import org.junit.platform.engine.ConfigurationParameters;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Where {@link Settings} finds values: the JUnit Platform's configuration parameters, or system properties. */
public interface SettingSource {

    /** The value set for {@code key}, if any. */
    Optional<String> get(String key);

    /** Every key that has a value, so that unknown and misspelled keys can be found. */
    Set<String> keys();

    /**
     * The engine's source: configuration parameters ({@code --config}, {@code junit-platform.properties},
     * the launcher's map), which fall back to system properties (Surefire passes {@code -D} as those).
     */
    static SettingSource of(ConfigurationParameters parameters) {
        return new SettingSource() {
            @Override
            public Optional<String> get(String key) {
                return parameters.get(key);
            }

            @Override
            public Set<String> keys() {
                // The fallback to system properties does not list them in keySet().
                Set<String> keys = new TreeSet<>(parameters.keySet());
                keys.addAll(System.getProperties().stringPropertyNames());
                return keys;
            }
        };
    }

    /** A plain {@code main}'s source: the JVM's system properties. */
    static SettingSource systemProperties() {
        return new SettingSource() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(System.getProperty(key));
            }

            @Override
            public Set<String> keys() {
                return new TreeSet<>(System.getProperties().stringPropertyNames());
            }
        };
    }

    /** Fixed values, e.g. in tests. */
    static SettingSource of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new SettingSource() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(copy.get(key));
            }

            @Override
            public Set<String> keys() {
                return new TreeSet<>(copy.keySet());
            }
        };
    }
}
