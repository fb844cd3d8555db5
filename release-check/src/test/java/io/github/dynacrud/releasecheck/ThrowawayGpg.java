package io.github.dynacrud.releasecheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A GnuPG home made for one test run, holding one unprotected signing key that exists nowhere else; closing it stops
 * its agent and deletes it. Its path is short on purpose: the agent's socket lives in it.
 */
final class ThrowawayGpg implements AutoCloseable {
    private final Path home;

    private ThrowawayGpg(Path home) {
        this.home = home;
    }

    /** Makes the home and its key; fails when {@code gpg} is not on the PATH. */
    static ThrowawayGpg create() throws IOException, InterruptedException {
        ThrowawayGpg gpg = new ThrowawayGpg(Files.createTempDirectory("dynacrud-gpg"));
        try {
            gpg.run("gpg", "--batch", "--passphrase", "", "--quick-gen-key",
                    "dynacrud release check <release-check@example.invalid>", "ed25519", "sign", "never");
            return gpg;
        } catch (IOException | InterruptedException | RuntimeException e) {
            gpg.close();
            throw e;
        }
    }

    /** @return the directory to give the signing build as {@code GNUPGHOME} */
    Path home() {
        return home;
    }

    /**
     * Checks a detached signature with this home's key.
     *
     * @return whether {@code signature} is a good signature of {@code file}
     */
    boolean verifies(Path signature, Path file) throws IOException, InterruptedException {
        return exitCode("gpg", "--batch", "--verify", signature.toString(), file.toString()) == 0;
    }

    private void run(String... command) throws IOException, InterruptedException {
        int exit = exitCode(command);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
    }

    private int exitCode(String... command) throws IOException, InterruptedException {
        List<String> withHome = new ArrayList<>(List.of(command[0], "--homedir", home.toString()));
        withHome.addAll(List.of(command).subList(1, command.length));
        Process process = new ProcessBuilder(withHome).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
        }
        return process.exitValue();
    }

    /** Stops the agent the key's use started, then deletes the home with its key. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            exitCode("gpgconf", "--kill", "gpg-agent");
        } finally {
            ReleaseBuild.delete(home);
        }
    }
}
