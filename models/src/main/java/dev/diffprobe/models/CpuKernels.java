package dev.diffprobe.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether libtorch's CPU convolutions can be trusted on this processor as oneDNN is set up in this
 * process. On AMD family-26 processors libtorch 2.5.1's oneDNN miscomputes some convolutions unless
 * {@code ONEDNN_MAX_CPU_ISA=SSE41} caps it (models/README.md, "CPUs whose oneDNN kernels
 * miscompute"); uncapped, only a checkpoint whose reference.json its outputs match can be run
 * there, since nothing else would notice wrong numbers. oneDNN reads the variable once, when
 * libtorch starts, so it is read here from the environment the JVM started with.
 *
 * @param processor the processor as /proc/cpuinfo names it, e.g. "AuthenticAMD family 26"; empty when unknown
 * @param cap the value of {@value #VARIABLE}, empty when unset
 */
record CpuKernels(String processor, Optional<String> cap) {

    /** oneDNN's own variable; the project never sets it inside a JVM (too late there), only reads it. */
    static final String VARIABLE = "ONEDNN_MAX_CPU_ISA";

    /** The cap at which every committed checkpoint matched its reference on an affected processor. */
    static final String SAFE_CAP = "SSE41";

    private static final String AFFECTED = "AuthenticAMD family 26";
    private static final Pattern VENDOR = Pattern.compile("(?m)^vendor_id\\s*:\\s*(\\S+)\\s*$");
    private static final Pattern FAMILY = Pattern.compile("(?m)^cpu family\\s*:\\s*(\\d+)\\s*$");
    private static final CpuKernels CURRENT = read(Path.of("/proc/cpuinfo"), System.getenv(VARIABLE));

    /** This process: its processor and the cap it started with. */
    static CpuKernels current() {
        return CURRENT;
    }

    /** From a /proc/cpuinfo file (an unreadable one is an unknown processor) and the variable's value. */
    static CpuKernels read(Path cpuinfo, String cap) {
        String text;
        try {
            text = Files.isReadable(cpuinfo) ? Files.readString(cpuinfo) : "";
        } catch (IOException | RuntimeException e) {
            text = "";
        }
        return of(text, cap);
    }

    /** From /proc/cpuinfo's text (the first processor's vendor and family) and the variable's value. */
    static CpuKernels of(String cpuinfo, String cap) {
        Matcher vendor = VENDOR.matcher(cpuinfo);
        Matcher family = FAMILY.matcher(cpuinfo);
        String processor = vendor.find() && family.find() ? vendor.group(1) + " family " + family.group(1) : "";
        return new CpuKernels(processor, Optional.ofNullable(cap).map(String::strip).filter(c -> !c.isEmpty()));
    }

    /** Whether this is a processor on which uncapped oneDNN was measured to miscompute. */
    boolean affected() {
        return processor.equals(AFFECTED);
    }

    /** Whether CPU outputs need a reference to be trusted: an affected processor without the safe cap. */
    boolean needReference() {
        return affected() && !cap.map(c -> c.toUpperCase(Locale.ROOT).equals(SAFE_CAP)).orElse(false);
    }

    /** For run reports: the cap, and on an affected processor what it means. */
    String describe() {
        String set = cap.map(c -> VARIABLE + "=" + c).orElse(VARIABLE + " unset");
        if (!affected()) {
            return set;
        }
        return set + (needReference() ? " on " + processor + ": only checkpoints matching their reference.json run"
                : " on " + processor + ": capped, every kernel trusted");
    }
}
