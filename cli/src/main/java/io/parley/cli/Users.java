package io.parley.cli;

import io.parley.server.core.auth.Address;
import io.parley.server.core.auth.PasswordHasher;
import io.parley.server.core.auth.Revocation;
import io.parley.server.core.auth.User;
import io.parley.server.core.auth.UserStore;
import io.parley.server.store.Store;
import io.parley.server.store.StoreSettings;
import java.nio.file.Files;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley user add|list|remove|passwd}: manage who can sign in. Works on the store directly (the data
 * directory, or the PostgreSQL database), also while a server runs on it (the server reads users from the store
 * on every sign-in). {@code remove} and {@code passwd} also revoke the user's credentials: they delete the user's
 * tokens and append to the revocation log, which a running server reads within a second and ends the user's
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


    /** Runs {@code work} on the user store, opened for this command only; {@code mayCreate}: see {@link #onStore}. */
    static <T> T onUsers(StoreOptions where, boolean mayCreate, java.util.function.Function<UserStore, T> work) {
        return onStore(where, mayCreate, store -> work.apply(store.users()));
    }

    /**
     * Runs {@code work} on the store, opened for this command only. Only {@code user add} may create a new SQLite
     * store: a command that reads or changes users, run from the wrong directory, must say there is nothing
     * there instead of creating an empty {@code ./parley-data} and finding no user.
     */
    static <T> T onStore(StoreOptions where, boolean mayCreate, java.util.function.Function<Store, T> work) {
        StoreSettings settings = where.settings();
        if (!mayCreate && settings.kind() == StoreSettings.Kind.SQLITE
                && !Files.exists(settings.dataDir().resolve("parley.db"))) {
            throw new IllegalArgumentException("no Parley data in " + settings.dataDir().toAbsolutePath().normalize()
                    + ": give --data the directory that parley serve uses");
        }
        try (Store store = Store.open(settings, false)) { // never upgrades a running server's store
            return work.apply(store);
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
        StoreOptions store;

        @Override
        public Integer call() throws IOException {
            String a = address(address);
            String secret = password.read();
            String hash = new PasswordHasher().hash(secret);
            onStore(store, true, s -> {
                if (s.users().find(a).isPresent()) {
                    throw new IllegalArgumentException("user " + a + " already exists (use 'parley user passwd')");
                }
                s.users().save(new User(a, name, hash));
                // The address may have been someone else's: nothing of theirs (applications, presence) carries over.
                s.revocations().revoke(a, Revocation.USER_ADDED, Instant.now());
                return null;
            });
            System.out.println("added " + a + " (sip:" + a + ")");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
    static final class ListUsers implements Callable<Integer> {
        @CommandLine.Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            for (User u : onUsers(store, false, UserStore::all)) {
                System.out.println(u.address() + "\t" + u.displayName());
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user and revoke the user's tokens.")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        @CommandLine.Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            String a = address(address);
            boolean removed = onStore(store, false, s -> {
                if (!s.users().remove(a)) {
                    return false;
                }
                s.revocations().revoke(a, Revocation.USER_REMOVED, Instant.now());
                return true;
            });
            if (!removed) {
                throw new IllegalArgumentException("no user " + a);
            }
            System.out.println("removed " + a);
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a user's password.")
    static final class Passwd implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        @ArgGroup(exclusive = true, multiplicity = "1")
        PasswordOptions password;

        @CommandLine.Mixin
        StoreOptions store;

        @Override
        public Integer call() throws IOException {
            String a = address(address);
            String secret = password.read();
            String hash = new PasswordHasher().hash(secret);
            onStore(store, false, s -> {
                User u = s.users().find(a).orElseThrow(() -> new IllegalArgumentException("no user " + a));
                s.users().save(new User(a, u.displayName(), hash));
                // after the new hash: no gap for the old one
                s.revocations().revoke(a, Revocation.PASSWORD_CHANGED, Instant.now());
                return null;
            });
            System.out.println("password changed for " + a + "; its sessions are signed out");
            return 0;
        }
    }
}
