package io.inlet.testkit.netlab;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

/** A TCP port that accepts and closes every connection: what the lab test connects to inside a host. */
public final class TcpListener {

  private TcpListener() {}

  public static void main(String[] args) throws IOException {
    try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]))) {
      while (true) {
        try (Socket ignored = server.accept()) {
          // accepted: the connect succeeded, nothing more to say
        }
      }
    }
  }
}
