package io.peerdial.node.phone;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;

/**
 * A JAIN-SIP stack set up as a user agent (dialogs kept by the stack, unlike the node's proxy) on a
 * free UDP port of one address: what the softphone and the P2P API's signalling agent both attach to
 * a node's phone face with.
 *
 * @param factory where the caller gets its address, header and message factories
 */
public record UserAgentStack(SipStack stack, SipProvider provider, SipFactory factory, String host, int port) {

    private static final AtomicInteger STACKS = new AtomicInteger();

    /**
     * Starts a stack named {@code name}-N on a free UDP port of {@code local}.
     *
     * @throws IOException naming {@code what} when the stack cannot start
     */
    public static UserAgentStack start(String name, InetAddress local, String what) throws IOException {
        SipFactory f = SipFactory.getInstance();
        f.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", name + "-" + STACKS.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on"); // a UA keeps its dialogs (unlike the node's proxy)
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "2");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        SipStack stack = null;
        try {
            stack = f.createSipStack(p);
            String host = local.getHostAddress();
            int port;
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(local, 0))) {
                port = s.getLocalPort(); // the stack binds it right after
            }
            SipProvider provider = stack.createSipProvider(stack.createListeningPoint(host, port, ListeningPoint.UDP));
            return new UserAgentStack(stack, provider, f, host, port);
        } catch (Exception e) {
            if (stack != null) stack.stop();
            throw new IOException("cannot start " + what + " on " + local.getHostAddress() + ": " + e.getMessage(), e);
        }
    }
}
