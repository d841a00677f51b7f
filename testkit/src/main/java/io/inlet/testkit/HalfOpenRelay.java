package io.inlet.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between a client (a publisher) and a server (an RTMP port) that can drop the network
 * the way it drops in the field, without root or iptables: {@link #cutHalfOpen()} resets the client
 * side (the publisher sees "connection reset" at once, as after a Wi-Fi or LTE drop) and keeps the
 * server side open and silent (no FIN, no RST, no byte in either direction), which is all a server
 * sees of a silent network drop until its own idle timeout.
 *
 * <p>Plain blocking sockets: one accepting thread, two copying threads per connection, all daemons.
 */
public final class HalfOpenRelay implements AutoCloseable {

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private HalfOpenRelay(ServerSocket listener, InetSocketAddress target) {
    this.listener = listener;
    this.target = target;
  }

  /** Listens on an ephemeral port of 127.0.0.1 and relays every connection to {@code host:port}. */
  public static HalfOpenRelay start(String host, int port) throws IOException {
    ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    HalfOpenRelay relay = new HalfOpenRelay(listener, new InetSocketAddress(host, port));
    daemon("relay-accept", relay::acceptLoop).start();
    return relay;
  }

  /** The port publishers connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /** Connections relayed so far, cut or not. */
  public int connections() {
    return links.size();
  }

  /**
   * Cuts every connection relayed so far half-open: the client side is reset (RST, by closing with
   * a zero linger), the server side stays open and nothing more is relayed either way.
   */
  public void cutHalfOpen() {
    links.forEach(Link::cutHalfOpen);
  }

  /** Closes the listener and every connection, server sides included. */
  @Override
  public void close() {
    closed = true;
    quietly(listener::close);
    links.forEach(Link::closeBoth);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        try {
          server.connect(target, 5_000);
        } catch (IOException unreachable) {
          quietly(client::close);
          continue;
        }
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        Link link = new Link(client, server);
        links.add(link);
        link.start();
      } catch (IOException e) {
        if (!closed) {
          throw new IllegalStateException("the relay stopped accepting", e);
        }
      }
    }
  }

  /** One relayed connection. */
  private static final class Link {
    private final Socket client;
    private final Socket server;
    /** Once set, not one more byte is relayed in either direction. */
    private volatile boolean cut;

    Link(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void start() {
      daemon("relay-up", () -> pump(client, server)).start();
      daemon("relay-down", () -> pump(server, client)).start();
    }

    private void pump(Socket from, Socket to) {
      byte[] buffer = new byte[16 * 1024];
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        int read;
        while ((read = in.read(buffer)) >= 0) {
          if (cut) {
            return;
          }
          out.write(buffer, 0, read);
        }
        // An orderly close on one side is passed on as one, unless the link was cut.
        if (!cut) {
          to.shutdownOutput();
        }
      } catch (IOException e) {
        if (!cut) {
          closeBoth();
        }
      }
    }

    void cutHalfOpen() {
      cut = true;
      try {
        client.setSoLinger(true, 0); // close() now sends RST instead of FIN
      } catch (IOException ignored) {
        // already closed: nothing left to reset
      }
      quietly(client::close);
      // The server socket is left open on purpose; the thread reading it stops at its next read or
      // stays blocked forever: either way nothing reaches the server again.
    }

    void closeBoth() {
      quietly(client::close);
      quietly(server::close);
    }
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static void quietly(IoAction action) {
    try {
      action.run();
    } catch (IOException ignored) {
      // closing what may already be closed
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}
