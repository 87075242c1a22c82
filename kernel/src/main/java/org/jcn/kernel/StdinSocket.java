package org.jcn.kernel;

import java.io.InterruptedIOException;

import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.InputReply;
import org.dflib.jjava.jupyter.messages.request.InputRequest;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The stdin channel: asks the front end for a line of input on behalf of a cell.
 *
 * <p>Unlike the protocol library's stdin channel, a wait for the answer can be interrupted: it polls, so an
 * interrupted cell stops waiting instead of holding the socket forever. One question at a time. A message that
 * is not a well-formed, signed Jupyter message is dropped ({@link Frames}).
 */
final class StdinSocket extends JupyterSocket {

    private static final long POLL_MILLIS = 100;

    private final DropLog drops = new DropLog(java.time.Duration.ofSeconds(1), System::nanoTime);

    StdinSocket(ZMQ.Context context, HMACGenerator hmac) {
        super(context, SocketType.ROUTER, hmac, LoggerFactory.getLogger("stdin"));
    }

    @Override
    public void bind(KernelConnectionProperties connection) {
        bind(formatAddress(connection.getTransport(), connection.getIp(), connection.getStdinPort()));
    }

    /**
     * Sends an input request for the cell whose execute request is {@code cell} and waits for the answer.
     *
     * @return the line the user typed, without a line end
     * @throws InterruptedIOException if the calling thread is interrupted while waiting
     */
    synchronized String ask(MessageContext cell, String prompt, boolean password) throws InterruptedIOException {
        sendMessage(new Message<>(cell, InputRequest.MESSAGE_TYPE, new InputRequest(prompt, password)));
        try (ZMQ.Poller poller = ctx.poller(1)) {
            poller.register(this, ZMQ.Poller.POLLIN);
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while waiting for input");
                }
                if (poller.poll(POLL_MILLIS) > 0) {
                    Message<?> reply = Frames.read(this, hmacGenerator, "stdin", drops);
                    if (reply != null && reply.getHeader().getType() == MessageType.INPUT_REPLY) {
                        return ((InputReply) reply.getContent()).getValue();
                    }
                }
            }
        }
    }
}
