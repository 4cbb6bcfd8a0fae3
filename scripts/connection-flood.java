// One host opening many connections to a Parley server, for the figure in docs/security.md ("Figures"):
//   java scripts/connection-flood.java HOST PORT FROM_ADDRESS CONNECTIONS SECONDS
// Opens CONNECTIONS sockets from FROM_ADDRESS (e.g. 127.0.0.2, so that the server counts them apart from
// other local clients), in batches of 1,000, sending nothing; after each batch the ones the server closed are
// closed here too (so the open-files limit is not the limit), the rest are held. After SECONDS it reports how
// many the server kept open. Loopback only: it is a load generator for one's own server.
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

class ConnectionFlood {
    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        InetAddress from = InetAddress.getByName(args[2]);
        int count = Integer.parseInt(args[3]);
        long holdMillis = Long.parseLong(args[4]) * 1000;
        List<Socket> sockets = new ArrayList<>();
        int refused = 0;
        long t0 = System.nanoTime();
        int opened = 0;
        for (int i = 0; i < count; i++) {
            Socket s = new Socket();
            try {
                s.bind(new InetSocketAddress(from, 0));
                s.connect(server, 5_000);
                sockets.add(s);
                opened++;
            } catch (Exception e) {
                refused++;
                s.close();
            }
            if (sockets.size() >= 1_000 || i == count - 1) {
                Thread.sleep(200);
                sockets.removeIf(ConnectionFlood::closedByServer);
            }
        }
        System.out.printf("opened %d of %d connections in %.1f s (%d failed to connect); %d held open%n", opened,
                count, (System.nanoTime() - t0) / 1e9, refused, sockets.size());
        Thread.sleep(holdMillis);
        sockets.removeIf(ConnectionFlood::closedByServer);
        System.out.println("still open after " + args[4] + " s: " + sockets.size());
        for (Socket s : sockets) {
            s.close();
        }
    }

    /** Whether the server closed this socket (then it is closed here too). */
    private static boolean closedByServer(Socket s) {
        try {
            s.setSoTimeout(1);
            if (s.getInputStream().read() >= 0) {
                return false; // it answered something (it should not): keep it
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (Exception reset) {
            // reset by the server
        }
        try {
            s.close();
        } catch (Exception ignored) {
            // closing a dead socket
        }
        return true;
    }
}
