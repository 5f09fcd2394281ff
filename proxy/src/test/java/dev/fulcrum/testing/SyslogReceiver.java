package dev.fulcrum.testing;

import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.DomainSocketAddress;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A syslog server for tests: a UDP socket on 127.0.0.1 (or a UNIX datagram
 * socket) whose datagrams are collected as ISO-8859-1 strings, line feed
 * included.
 */
public final class SyslogReceiver implements AutoCloseable {

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final DatagramSocket udp;
    private final LinuxSocket unix;
    private final Thread reader;
    private volatile boolean closed;

    private SyslogReceiver(DatagramSocket udp, LinuxSocket unix) {
        this.udp = udp;
        this.unix = unix;
        this.reader = Thread.ofPlatform().daemon().name("syslog-receiver").start(this::read);
    }

    public static SyslogReceiver udp() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        s.setSoTimeout(100);
        s.setReceiveBufferSize(1 << 20);
        return new SyslogReceiver(s, null);
    }

    public static SyslogReceiver unix(Path path) throws IOException {
        LinuxSocket s = LinuxSocket.newSocketDomainDgram();
        s.bind(new DomainSocketAddress(path.toString()));
        return new SyslogReceiver(null, s);
    }

    public int port() {
        return udp.getLocalPort();
    }

    private void read() {
        byte[] buf = new byte[70000];
        ByteBuffer direct = ByteBuffer.allocateDirect(70000);
        while (!closed) {
            try {
                if (udp != null) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    udp.receive(p);
                    messages.add(new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1));
                } else {
                    direct.clear();
                    var from = unix.recvFromDomainSocket(direct, 0, direct.capacity());
                    if (from == null) {
                        Thread.sleep(10); // non-blocking socket: nothing yet
                        continue;
                    }
                    int n = from.receivedAmount();
                    byte[] b = new byte[n];
                    direct.get(0, b);
                    messages.add(new String(b, StandardCharsets.ISO_8859_1));
                }
            } catch (SocketTimeoutException e) {
                // poll closed
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    /** The next message, waiting up to 10 s. */
    public String next() throws InterruptedException {
        String m = messages.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no log message within 10 s");
        }
        return m;
    }

    /** The next {@code n} messages, each waited for up to 10 s. */
    public List<String> next(int n) throws InterruptedException {
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            out.add(next());
        }
        return out;
    }

    /** Whether a message arrives within {@code millis}. */
    public String poll(long millis) throws InterruptedException {
        return messages.poll(millis, TimeUnit.MILLISECONDS);
    }

    public List<String> drain() {
        List<String> out = new ArrayList<>();
        messages.drainTo(out);
        return out;
    }

    @Override
    public void close() throws Exception {
        closed = true;
        if (udp != null) {
            udp.close();
        }
        if (unix != null) {
            unix.close();
        }
        reader.join(2000);
    }
}
