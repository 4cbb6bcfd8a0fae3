package io.parley.server.core.routing;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Which routing group a user belongs to: a stable hash of the address (CRC-32, the same in every JVM and every
 * release) modulo the number of groups. The number is fixed for a deployment: changing it moves users between
 * groups, and message serials are dealt out per group ({@link #firstSerialAfter}).
 */
public record GroupMap(int groups) {
    public static final int DEFAULT_GROUPS = 64;

    public GroupMap {
        if (groups < 1 || groups > 4096) {
            throw new IllegalArgumentException("routing groups must be between 1 and 4096, not " + groups);
        }
    }

    public int groupOf(String address) {
        CRC32 crc = new CRC32();
        crc.update(address.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % groups);
    }

    /**
     * The message serials of a group: the numbers after {@code highest} that are equal to the group modulo the
     * number of groups, so groups never hand out the same serial and each group's serials keep increasing.
     */
    public long firstSerialAfter(long highest, int group) {
        long next = highest + 1;
        long offset = Math.floorMod(group - next, groups);
        return next + offset;
    }

    /** The step between two serials of one group. */
    public long serialStep() {
        return groups;
    }
}
