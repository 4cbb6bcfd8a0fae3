package io.parley.cli;

import io.parley.server.core.auth.Address;
import io.parley.server.core.auth.PasswordHasher;
import io.parley.server.core.auth.Revocation;
import io.parley.server.core.auth.User;
import io.parley.server.store.sqlite.SqliteDatabase;
import io.parley.server.store.sqlite.SqliteRevocationStore;
import io.parley.server.store.sqlite.SqliteUserStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley user add|list|remove|passwd}: manage who can sign in. Works on the data directory
 * directly, also while a server runs on it (the server reads users from the store on every sign-in).
 * {@code remove} and {@code passwd} also revoke the user's credentials: they delete the user's tokens and
 * append to the revocation log, which a running server reads within a second and ends the user's
 * applications (docs/security.md, "Revocation").
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage users.",
        subcommands = {Users.Add.class, Users.ListUsers.class, Users.Remove.class, Users.Passwd.class})
final class Users implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a user command: add, list, remove, passwd.");
    }


    /** Runs {@code work} on the user store of a data directory, opened for this command only. */
    static <T> T onUsers(Path data, java.util.function.Function<SqliteUserStore, T> work) {
        try (SqliteDatabase db = SqliteDatabase.open(data, true, false)) { // never upgrades a running server's store
            return work.apply(new SqliteUserStore(db));
        }
    }

    /** Runs {@code work} on the store of a data directory, opened for this command only. */
    static <T> T onStore(Path data, java.util.function.Function<SqliteDatabase, T> work) {
        try (SqliteDatabase db = SqliteDatabase.open(data, true, false)) { // never upgrades a running server's store
            return work.apply(db);
        }
    }

    static String address(String input) {
        return Address.parse(input).orElseThrow(() -> new IllegalArgumentException(
                "'" + input + "' is not an address like alice@example.com"));
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user (or fail if it exists).")
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ADDRESS", description = "The user's address, e.g. alice@example.com.")
        String address;

        @Option(names = "--name", required = true, description = "Display name, e.g. \"Alice Archer\".")
        String name;

        @ArgGroup(exclusive = true, multiplicity = "1")
        PasswordOptions password;

        @CommandLine.Mixin
        DataMixin data;

        @Override
        public Integer call() throws IOException {
            String a = address(address);
            String secret = password.read();
            String hash = new PasswordHasher().hash(secret);
            onStore(data.data, db -> {
                SqliteUserStore users = new SqliteUserStore(db);
                if (users.find(a).isPresent()) {
                    throw new IllegalArgumentException("user " + a + " already exists (use 'parley user passwd')");
                }
                users.save(new User(a, name, hash));
                // The address may have been someone else's: nothing of theirs (applications, presence) carries over.
                new SqliteRevocationStore(db).revoke(a, Revocation.USER_ADDED, Instant.now());
                return null;
            });
            System.out.println("added " + a + " (sip:" + a + ")");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
    static final class ListUsers implements Callable<Integer> {
        @CommandLine.Mixin
        DataMixin data;

        @Override
        public Integer call() {
            for (User u : onUsers(data.data, SqliteUserStore::all)) {
                System.out.println(u.address() + "\t" + u.displayName());
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user and sign out the user's sessions.")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        @CommandLine.Mixin
        DataMixin data;

        @Override
        public Integer call() {
            String a = address(address);
            boolean removed = onStore(data.data, db -> {
                if (!new SqliteUserStore(db).remove(a)) {
                    return false;
                }
                new SqliteRevocationStore(db).revoke(a, Revocation.USER_REMOVED, Instant.now());
                return true;
            });
            if (!removed) {
                throw new IllegalArgumentException("no user " + a);
            }
            System.out.println("removed " + a);
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a user's password and sign out the user's sessions.")
    static final class Passwd implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        @ArgGroup(exclusive = true, multiplicity = "1")
        PasswordOptions password;

        @CommandLine.Mixin
        DataMixin data;

        @Override
        public Integer call() throws IOException {
            String a = address(address);
            String secret = password.read();
            String hash = new PasswordHasher().hash(secret);
            onStore(data.data, db -> {
                SqliteUserStore users = new SqliteUserStore(db);
                User u = users.find(a).orElseThrow(() -> new IllegalArgumentException("no user " + a));
                users.save(new User(a, u.displayName(), hash));
                // after the new hash: no gap for the old one
                new SqliteRevocationStore(db).revoke(a, Revocation.PASSWORD_CHANGED, Instant.now());
                return null;
            });
            System.out.println("password changed for " + a + "; its sessions are signed out");
            return 0;
        }
    }

    /** The shared --data option. */
    static final class DataMixin {
        @Option(names = "--data", defaultValue = "./parley-data", description = "Data directory (default: ${DEFAULT-VALUE}).")
        Path data;
    }
}
