package io.github.dynacrud.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Describes the machine a run measured, as the first lines of its report. */
final class Machine {
    private Machine() {
    }

    /**
     * Describes this machine, the functions' CPU and the run.
     *
     * @param cpuLimit how each function's CPU was limited
     * @param pairs    how many cold starts of each handler were timed
     * @param seconds  how long the whole run took
     * @return a Markdown paragraph
     */
    static String describe(String cpuLimit, int pairs, long seconds) {
        return "Run on " + LocalDate.now(ZoneOffset.UTC) + ": " + cpu() + ", " + Runtime.getRuntime()
                .availableProcessors() + " cores, " + memory() + "; " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + "; " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + ". Functions ran with " + cpuLimit + ". " + pairs
                + " cold-start pairs; the whole run took " + seconds + " s.";
    }

    private static String cpu() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
    }

    private static String memory() {
        return firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(kib -> Math.round(Long.parseLong(kib.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0) + " GiB")
                .orElse("unknown memory");
    }

    private static Optional<String> firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(line -> line.startsWith(key)).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
