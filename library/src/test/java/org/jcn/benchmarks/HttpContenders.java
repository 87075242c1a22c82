package org.jcn.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.spi.JettyHttpServer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jcn.internal.server.ServerStats;
import org.jcn.server.LatencyServer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * The HTTP servers {@link LatencyServerBenchmark} measures side by side: {@link LatencyServer}'s own, and the same
 * answer (a fixed delay, then a {@code 200} with an image-like body of a fixed size, keep-alive) on the JDK's
 * {@code com.sun.net.httpserver}, on Jetty 12, on Jetty running a handler written for the JDK's API, and on Netty.
 * Each is set up the way its own documentation suggests for a delay that must hold no thread, where it has a way:
 * Jetty's handler completes its {@code Callback} from the server's scheduler, Netty's schedules the answer on the
 * connection's event loop, the JDK server's on a timer thread. The JDK-API handler on Jetty cannot: Jetty's
 * adapter completes the exchange when the handler returns, so that handler sleeps, on a virtual thread (Jetty's
 * pool runs blocking handlers on virtual threads when given an executor for them). All count in the same
 * {@link ServerStats} as {@link LatencyServer}: a request begins once read and ends when its answer goes out.
 *
 * <p>Every contender binds 127.0.0.1 with the same listen backlog and, where it has event loops, one per core
 * (at most four), as the project's own server does. They serve what the benchmark asks (no query strings).
 */
final class HttpContenders {

    /** The contenders, in the order the benchmark measures them. */
    static final List<String> NAMES = List.of("own", "jdk", "jetty", "jetty-spi", "netty");

    private static final int BACKLOG = 16_384;
    private static final int LOOPS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private HttpContenders() {
    }

    /** A running server under measurement, with LatencyServer's counters. */
    interface Running extends AutoCloseable {
        URI uri();

        long served();

        int maxActive();

        long percentileNanos(double percentile);

        void reset();

        @Override
        void close() throws Exception;
    }

    /** A library's server, counted in a {@link ServerStats} of its own. */
    private abstract static class Counted implements Running {
        final ServerStats stats;
        private final int port;

        Counted(ServerStats stats, int port) {
            this.stats = stats;
            this.port = port;
        }

        @Override
        public URI uri() {
            return URI.create("http://127.0.0.1:" + port + "/");
        }

        @Override
        public long served() {
            return stats.served();
        }

        @Override
        public int maxActive() {
            return stats.maxActive();
        }

        @Override
        public long percentileNanos(double percentile) {
            return stats.percentileNanos(percentile);
        }

        @Override
        public void reset() {
            stats.reset();
        }
    }

    static Running start(String name, Duration delay, int bodyBytes) throws Exception {
        return switch (name) {
            case "own" -> own(delay, bodyBytes);
            case "jdk" -> jdk(delay, bodyBytes);
            case "jetty" -> jetty(delay, bodyBytes);
            case "jetty-spi" -> jettySpi(delay, bodyBytes);
            case "netty" -> netty(delay, bodyBytes);
            default -> throw new IllegalArgumentException("no contender " + name + "; one of " + NAMES);
        };
    }

    /** The label a table row gives each contender. */
    static String label(String name) {
        return switch (name) {
            case "own" -> "hand-written";
            case "jdk" -> "JDK httpserver";
            case "jetty" -> "Jetty 12";
            case "jetty-spi" -> "Jetty 12, JDK API";
            case "netty" -> "Netty 4.2";
            default -> name;
        };
    }

    /** The same image-like body as LatencyServer's: a 1x1 GIF, then filler. */
    static byte[] body(int bytes) {
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, (byte) 0x80, 0, 0, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, 0, 0, 0, 0x21, (byte) 0xF9, 4, 1, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2,
                0x44, 1, 0, 0x3B};
        byte[] body = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            body[i] = (byte) (i * 31 + 7);
        }
        System.arraycopy(gif, 0, body, 0, Math.min(gif.length, bytes));
        return body;
    }

    /** The project's own server, with its own counters. */
    private static Running own(Duration delay, int bodyBytes) throws IOException {
        LatencyServer server = LatencyServer.start(delay, bodyBytes);
        return new Running() {
            @Override
            public URI uri() {
                return server.uri();
            }

            @Override
            public long served() {
                return server.requestsServed();
            }

            @Override
            public int maxActive() {
                return server.maxConcurrentRequests();
            }

            @Override
            public long percentileNanos(double percentile) {
                return server.serverTime(percentile).toNanos();
            }

            @Override
            public void reset() {
                server.resetCounters();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    /** A JDK-API handler that answers from a timer: it returns at once and holds no thread while it waits. */
    private static HttpHandler scheduled(ScheduledThreadPoolExecutor timer, long delayNanos, byte[] body,
                                         ServerStats stats) {
        return exchange -> {
            long readAt = System.nanoTime();
            stats.begin();
            exchange.getRequestBody().close(); // drains what a request sent
            timer.schedule(() -> answer(exchange, body, stats, readAt), delayNanos, TimeUnit.NANOSECONDS);
        };
    }

    private static void answer(HttpExchange exchange, byte[] body, ServerStats stats, long readAt) {
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "image/gif");
            stats.end(System.nanoTime() - readAt);
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            out.write(body);
        } catch (IOException e) {
            // the client went away; its request still counted
        }
    }

    private static Running jdk(Duration delay, int bodyBytes) throws IOException {
        // Its default closes a connection that goes idle while 200 others are (see BENCHMARKS.md); lifted.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "1000000");
        // jetty-http-spi, on this class path, names itself the provider of HttpServer.create: asked for the JDK's.
        System.setProperty("com.sun.net.httpserver.HttpServerProvider", "sun.net.httpserver.DefaultHttpServerProvider");
        var stats = new ServerStats();
        var timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("jdk-timer").factory());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), BACKLOG);
        server.createContext("/", scheduled(timer, delay.toNanos(), body(bodyBytes), stats));
        server.start();
        return new Counted(stats, server.getAddress().getPort()) {

            @Override
            public void close() {
                server.stop(0);
                timer.shutdownNow();
            }
        };
    }

    private static Running jetty(Duration delay, int bodyBytes) throws Exception {
        var stats = new ServerStats();
        Server server = new Server(new QueuedThreadPool());
        var connector = new ServerConnector(server, 1, LOOPS, new HttpConnectionFactory());
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(BACKLOG);
        server.addConnector(connector);
        long delayNanos = delay.toNanos();
        ByteBuffer body = ByteBuffer.allocateDirect(bodyBytes).put(body(bodyBytes)).flip().asReadOnlyBuffer();
        String length = Integer.toString(bodyBytes);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                long readAt = System.nanoTime();
                stats.begin();
                request.getComponents().getScheduler() // never holds a thread: a timer entry
                        .schedule(() -> {
                            response.setStatus(200);
                            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "image/gif");
                            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
                            stats.end(System.nanoTime() - readAt);
                            response.write(true, body.duplicate(), callback);
                        }, delayNanos, TimeUnit.NANOSECONDS);
                return true;
            }
        });
        server.start();
        return new Counted(stats, connector.getLocalPort()) {

            @Override
            public void close() throws Exception {
                server.stop();
            }
        };
    }

    /** A handler written for the JDK's API, on Jetty: it must finish before it returns, so it sleeps. */
    private static Running jettySpi(Duration delay, int bodyBytes) throws Exception {
        var stats = new ServerStats();
        var threads = new QueuedThreadPool();
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server jetty = new Server(threads);
        jetty.setHandler(new ContextHandlerCollection());
        var server = new JettyHttpServer(jetty, false);
        server.bind(new InetSocketAddress("127.0.0.1", 0), BACKLOG);
        long delayNanos = delay.toNanos();
        byte[] body = body(bodyBytes);
        server.createContext("/", exchange -> {
            long readAt = System.nanoTime();
            stats.begin();
            exchange.getRequestBody().close();
            try {
                TimeUnit.NANOSECONDS.sleep(delayNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            answer(exchange, body, stats, readAt);
        });
        server.start();
        int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        return new Counted(stats, port) {

            @Override
            public void close() {
                server.stop(0);
            }
        };
    }

    private static Running netty(Duration delay, int bodyBytes) throws InterruptedException {
        var stats = new ServerStats();
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(LOOPS, NioIoHandler.newFactory());
        ByteBuf body = Unpooled.unreleasableBuffer(
                Unpooled.directBuffer(bodyBytes).writeBytes(body(bodyBytes)).asReadOnly());
        long delayNanos = delay.toNanos();
        Channel channel = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new NettyDelay(stats, body, delayNanos));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        return new Counted(stats, ((InetSocketAddress) channel.localAddress()).getPort()) {

            @Override
            public void close() {
                channel.close().syncUninterruptibly();
                loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            }
        };
    }

    /** Answers each request after the delay, scheduled on the connection's own event loop. */
    private static final class NettyDelay extends ChannelInboundHandlerAdapter {
        private final ServerStats stats;
        private final ByteBuf body;
        private final long delayNanos;

        NettyDelay(ServerStats stats, ByteBuf body, long delayNanos) {
            this.stats = stats;
            this.body = body;
            this.delayNanos = delayNanos;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                boolean keepAlive = HttpUtil.isKeepAlive(request);
                long readAt = System.nanoTime();
                stats.begin();
                ctx.executor().schedule(() -> {
                    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                            HttpResponseStatus.OK, body.duplicate());
                    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "image/gif")
                            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
                    if (!keepAlive) {
                        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                    }
                    stats.end(System.nanoTime() - readAt);
                    var written = ctx.writeAndFlush(response);
                    if (!keepAlive) {
                        written.addListener(ChannelFutureListener.CLOSE);
                    }
                }, delayNanos, TimeUnit.NANOSECONDS);
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
