package io.parley.server.store.sqlite;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Keeps a second server off a data directory. Two servers on one SQLite file would each load the state into
 * memory and overwrite each other's writes without a word; the {@code parley user} commands, which only
 * write users, may still run beside the server and take no lock.
 *
 * <p>An OS file lock on {@code parley.lock}: the kernel releases it when the holder exits, even on
 * {@code kill -9}, so a crashed server never blocks the next start. The file names the holder, for the
 * message the second server prints.
 */
final class DataDirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dataDir) {
        Path file = dataDir.resolve("parley.lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process (a second server started in the same JVM)
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new IllegalStateException("Another Parley server is already running on the data directory "
                        + dataDir.toAbsolutePath() + (holder.isEmpty() ? "" : " (" + holder + ")")
                        + ": stop it first, or give this server another --data directory.");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " on " + hostName() + ", started "
                    + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot lock the data directory " + dataDir.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this host";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
