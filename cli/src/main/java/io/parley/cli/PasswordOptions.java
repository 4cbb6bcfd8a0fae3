package io.parley.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a password comes from, never the command line (other users could read it there): the first line
 * of standard input, the first line of a file, or the {@code PARLEY_PASSWORD} environment variable.
 */
final class PasswordOptions {
    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean stdin;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE.")
    Path file;

    /** The password; throws {@link IllegalArgumentException} when none was given. */
    String read() throws IOException {
        String secret;
        if (file != null) {
            secret = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        } else if (stdin) {
            secret = StandardInput.line();
        } else {
            secret = System.getenv("PARLEY_PASSWORD");
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("no password: use --password-stdin, --password-file or PARLEY_PASSWORD");
        }
        return secret;
    }
}
