package io.parley.server.core.conversation;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One conversation's messages in number order: appended at the end, forgotten from the front, found by
 * number. Numbers ascend and are nearly always consecutive, so a lookup goes straight to its slot. (A
 * sorted tree did the same job, but every IM walked ~10 scattered nodes of it: a visible share of the
 * server's CPU at a few thousand IMs a second.)
 */
public final class MessageLog {
    private Message[] items = new Message[8];
    private int head; // live messages are items[head, tail)
    private int tail;

    void add(Message m) {
        if (tail > head && m.number() <= items[tail - 1].number()) {
            throw new IllegalArgumentException("message " + m.number() + " is not after " + items[tail - 1].number());
        }
        if (tail == items.length) {
            makeRoom();
        }
        items[tail++] = m;
    }

    /** Forgets the oldest message and returns it (or null when empty). */
    Message removeFirst() {
        if (head == tail) {
            return null;
        }
        Message first = items[head];
        items[head++] = null;
        if (head == tail) {
            head = tail = 0;
        }
        return first;
    }

    public int size() {
        return tail - head;
    }

    /** The message with this number, or null. */
    public Message get(int number) {
        if (head == tail) {
            return null;
        }
        int slot = head + (number - items[head].number());
        if (slot >= head && slot < tail && items[slot].number() == number) {
            return items[slot];
        }
        int lo = head;
        int hi = tail - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int n = items[mid].number();
            if (n < number) {
                lo = mid + 1;
            } else if (n > number) {
                hi = mid - 1;
            } else {
                return items[mid];
            }
        }
        return null;
    }

    /**
     * The newest of the last {@code within} outgoing messages sent with this operationId and the same text, or
     * null: what a repeated sendMessage matches (see {@link MessagingSessions#send}).
     */
    public Message repeatOf(String operationId, String text, boolean html, int within) {
        for (int i = tail - 1; i >= Math.max(head, tail - within); i--) {
            Message m = items[i];
            if (m.isOutgoing() && operationId.equals(m.operationId()) && m.isHtml() == html && m.text().equals(text)) {
                return m;
            }
        }
        return null;
    }

    /** All messages, oldest first (a read-only view; do not keep it across changes). */
    public List<Message> all() {
        return Collections.unmodifiableList(Arrays.asList(items).subList(head, tail));
    }

    private void makeRoom() {
        int live = tail - head;
        if (head > 0 && live <= items.length / 2) {
            System.arraycopy(items, head, items, 0, live); // slide down: the front was forgotten
            Arrays.fill(items, live, tail, null);
        } else {
            items = Arrays.copyOfRange(items, head, head + Math.max(8, items.length * 2));
        }
        head = 0;
        tail = live;
    }
}
