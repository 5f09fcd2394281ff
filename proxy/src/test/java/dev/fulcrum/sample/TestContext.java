package dev.fulcrum.sample;

import dev.fulcrum.config.Settings;
import dev.fulcrum.http.HttpHeaders;
import dev.fulcrum.http.HttpRequestHead;
import dev.fulcrum.http.HttpResponseHead;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SampleContext} for tests: every piece of stream data is a public,
 * settable field, with fluent helpers for the common ones.
 */
public final class TestContext implements SampleContext {

    public InetAddress src = addr("127.0.0.1");
    public int srcPort = 40000;
    public InetAddress dst = addr("127.0.0.1");
    public int dstPort = 8080;
    public TestProxy frontend = new TestProxy("fe", 1);
    public TestProxy backend;
    public TestServer server;
    public final Map<String, TestProxy> proxies = new HashMap<>();
    public final Map<String, UserlistView> userlists = new HashMap<>();
    public HttpRequestHead request;
    public HttpResponseHead response;
    public ByteBuffer body;
    public ByteBuffer buffer;
    public boolean first = true;
    public boolean isFinal = true;
    public boolean stopping;
    public long now = 1_700_000_000_123L;
    public String uniqueId;
    public int listenerId = 3;
    public String listenerName = "l1";
    public final List<String> reqCaptures = new ArrayList<>();
    public final List<String> resCaptures = new ArrayList<>();
    public final Map<VarScope, VarStore> vars = new EnumMap<>(VarScope.class);

    public TestContext() {
        for (VarScope s : VarScope.values()) {
            vars.put(s, s == VarScope.PROC ? VarStore.shared() : VarStore.local());
        }
    }

    public static InetAddress addr(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** Sets a request: {@code headers} alternate names and values. */
    public TestContext request(String method, String uri, String... headers) {
        HttpHeaders h = new HttpHeaders();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        request = new HttpRequestHead(method, uri, "HTTP/1.1", h);
        return this;
    }

    public TestContext response(int status, String... headers) {
        HttpHeaders h = new HttpHeaders();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        response = new HttpResponseHead("HTTP/1.1", status, "OK", h);
        return this;
    }

    public TestContext body(String text) {
        body = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    public TestContext buffer(byte[] data) {
        buffer = ByteBuffer.wrap(data);
        return this;
    }

    public TestProxy proxy(String name, int id) {
        TestProxy p = new TestProxy(name, id);
        proxies.put(name, p);
        return p;
    }

    @Override
    public InetAddress srcAddress() {
        return src;
    }

    @Override
    public int srcPort() {
        return srcPort;
    }

    @Override
    public InetAddress dstAddress() {
        return dst;
    }

    @Override
    public int dstPort() {
        return dstPort;
    }

    @Override
    public ProxyView frontend() {
        return frontend;
    }

    @Override
    public ProxyView backend() {
        return backend;
    }

    @Override
    public ServerView server() {
        return server;
    }

    @Override
    public EngineView engine() {
        return new EngineView() {
            @Override
            public ProxyView backend(String name) {
                return proxies.get(name);
            }

            @Override
            public ProxyView frontend(String name) {
                return proxies.get(name);
            }

            @Override
            public UserlistView userlist(String name) {
                return userlists.get(name);
            }
        };
    }

    @Override
    public int listenerId() {
        return listenerId;
    }

    @Override
    public String listenerName() {
        return listenerName;
    }

    @Override
    public HttpRequestHead request() {
        return request;
    }

    @Override
    public HttpResponseHead response() {
        return response;
    }

    @Override
    public ByteBuffer requestBody() {
        return body;
    }

    @Override
    public ByteBuffer requestBuffer() {
        return buffer;
    }

    @Override
    public boolean firstRequest() {
        return first;
    }

    @Override
    public String capturedRequestHeader(int idx) {
        return idx < reqCaptures.size() ? reqCaptures.get(idx) : null;
    }

    @Override
    public String capturedResponseHeader(int idx) {
        return idx < resCaptures.size() ? resCaptures.get(idx) : null;
    }

    @Override
    public String uniqueId() {
        return uniqueId;
    }

    @Override
    public VarStore vars(VarScope scope) {
        return vars.get(scope);
    }

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public boolean stopping() {
        return stopping;
    }

    @Override
    public boolean isFinal() {
        return isFinal;
    }

    /** A proxy whose counters tests set directly. */
    public static final class TestProxy implements ProxyView {
        public final String name;
        public final int id;
        public int conns;
        public int rate;
        public int queued;
        public String defaultBackend;
        public final List<TestServer> servers = new ArrayList<>();

        public TestProxy(String name, int id) {
            this.name = name;
            this.id = id;
        }

        public TestServer addServer(String n, int sid) {
            TestServer s = new TestServer(n, sid);
            servers.add(s);
            return s;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public int currentConns() {
            return conns;
        }

        @Override
        public int sessionRate() {
            return rate;
        }

        @Override
        public int queued() {
            return queued;
        }

        @Override
        public int usableServers() {
            long active = servers.stream().filter(s -> s.usable && !s.backup).count();
            return (int) (active > 0 ? active : servers.stream().filter(s -> s.usable && s.backup).count());
        }

        @Override
        public int activeServers() {
            return (int) servers.stream().filter(s -> s.usable && !s.backup).count();
        }

        @Override
        public List<? extends ServerView> servers() {
            return servers;
        }

        @Override
        public String defaultBackend() {
            return defaultBackend;
        }
    }

    /** A server whose state tests set directly. */
    public static final class TestServer implements ServerView {
        public final String name;
        public final int id;
        public int conns;
        public int queued;
        public int maxconn;
        public int maxqueue;
        public boolean up = true;
        public boolean usable = true;
        public boolean backup;
        public int rate;
        public int weight = 1;
        public int initialWeight = 1;
        public int userWeight = 1;

        public TestServer(String name, int id) {
            this.name = name;
            this.id = id;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public int currentConns() {
            return conns;
        }

        @Override
        public int queued() {
            return queued;
        }

        @Override
        public int maxconn() {
            return maxconn;
        }

        @Override
        public int maxqueue() {
            return maxqueue;
        }

        @Override
        public int currentWeight() {
            return weight;
        }

        @Override
        public int initialWeight() {
            return initialWeight;
        }

        @Override
        public int userWeight() {
            return userWeight;
        }

        @Override
        public boolean isUp() {
            return up;
        }

        @Override
        public boolean isUsable() {
            return usable;
        }

        @Override
        public boolean isBackup() {
            return backup;
        }

        @Override
        public int sessionRate() {
            return rate;
        }
    }

    /** Compiles and evaluates {@code expr}, returning the result as text (or {@code null}). */
    public String eval(String expr) {
        try {
            SampleExpr e = Samples.parse(expr, CompileContext.standalone(UseSite.FE_HRQ_HDR, Settings.builder()));
            Sample s = new Sample();
            return e.eval(this, s) ? s.text() : null;
        } catch (SampleParseException ex) {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
    }
}
