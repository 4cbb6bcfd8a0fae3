package io.parley.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where to sign in and as whom: shared by {@code send} and {@code listen}. */
final class SignInOptions {
    @Option(names = "--server", required = true,
            description = "Discovery URL (http://127.0.0.1:8080/, https://lyncdiscover.contoso.com/) or a domain.")
    String server;

    @Option(names = "--user", required = true, description = "The address to sign in as, e.g. bob@example.com.")
    String user;

    @ArgGroup(exclusive = true)
    PasswordOptions password = new PasswordOptions();
}
