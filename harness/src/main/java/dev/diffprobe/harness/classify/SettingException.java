package dev.diffprobe.harness.classify;

/** A classifier setting with a value it cannot take; the message names the setting. */
public final class SettingException extends IllegalArgumentException {
    private final String key;

    SettingException(String key, Object value, String expected) {
        super("classifier setting '" + key + "' = '" + value + "': " + expected);
        this.key = key;
    }

    /** The setting's name, as {@link ClassifierSettings} spells it. */
    public String key() {
        return key;
    }
}
