package io.parley.cli;

import io.parley.client.AuthenticationException;
import io.parley.client.UcwaClient;
import io.parley.client.UcwaException;
import io.parley.client.UcwaListener;
import java.io.IOException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where to sign in and as whom, and the sign-in itself: shared by {@code send} and {@code listen}. */
final class SignInOptions {
    @Option(names = "--server", required = true,
            description = "Discovery URL (http://127.0.0.1:8080/, https://lyncdiscover.contoso.com/) or a domain.")
    String server;

    @Option(names = "--user", required = true, description = "The address to sign in as, e.g. bob@example.com.")
    String user;

    @ArgGroup(exclusive = true)
    PasswordOptions password = new PasswordOptions();

    /** Why a command could not sign in: already reported on standard error, with the exit code to use. */
    static final class Failed extends Exception {
        final int exitCode;

        Failed(int exitCode) {
            super(null, null, false, false);
            this.exitCode = exitCode;
        }
    }

    /** The password (read first: it may be the first line of standard input, before any messages). */
    String readPassword() throws Failed, IOException {
        try {
            return password.read();
        } catch (IllegalArgumentException e) {
            System.err.println("parley: " + e.getMessage());
            throw new Failed(ExitCodes.USAGE);
        }
    }

    UcwaClient signIn(String secret, String userAgent, boolean available, UcwaListener listener) throws Failed {
        try {
            return UcwaClient.builder().server(server).user(user).password(secret).userAgent(userAgent)
                    .available(available).listener(listener).signIn();
        } catch (AuthenticationException e) {
            System.err.println("parley: authentication failed for " + user + ": " + e.getMessage());
            throw new Failed(ExitCodes.AUTHENTICATION);
        } catch (UcwaException e) {
            System.err.println("parley: cannot sign in at " + server + ": " + e.getMessage());
            throw new Failed(ExitCodes.FAILED);
        }
    }
}
