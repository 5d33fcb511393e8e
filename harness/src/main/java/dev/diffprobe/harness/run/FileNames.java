package dev.diffprobe.harness.run;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * File names for suite and task names, one-to-one: letters, digits, {@code _}, {@code -} and
 * {@code .} stay as they are (so {@code Shape_Color} stays {@code Shape_Color}); every other byte
 * of the name's UTF-8 becomes {@code %XX}, as does a leading dot. Since {@code %} itself is
 * escaped, two names never share a file: {@code a/b} is {@code a%2Fb}, {@code a_b} is
 * {@code a_b}. Names that differ only in case do share one on case-insensitive file systems;
 * the suite reader refuses those.
 */
public final class FileNames {
    private FileNames() {
    }

    public static String of(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an empty name has no file name");
        }
        StringBuilder text = new StringBuilder(name.length());
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            boolean plain = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                    || b == '_' || b == '-' || (b == '.' && i > 0);
            if (plain) {
                text.append((char) b);
            } else {
                text.append('%').append(String.format(Locale.ROOT, "%02X", b));
            }
        }
        return text.toString();
    }
}
