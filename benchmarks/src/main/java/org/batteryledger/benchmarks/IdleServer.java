package org.batteryledger.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The baseline process of {@link ChaincodeStartup}: a JVM that does nothing but listen where the
 * chaincode would ({@code CHAINCODE_SERVER_ADDRESS}, loopback only) and close every connection.
 * Started with the same JVM flags as the chaincode, it shows what the JVM itself costs in start
 * time and resident memory.
 */
public final class IdleServer {
    private IdleServer() {}

    public static void main(String[] args) throws IOException {
        String address = System.getenv("CHAINCODE_SERVER_ADDRESS");
        if (address == null || !address.startsWith("127.0.0.1:")) {
            throw new IllegalArgumentException("CHAINCODE_SERVER_ADDRESS must be 127.0.0.1:<port>, got " + address);
        }
        int port = Integer.parseInt(address.substring("127.0.0.1:".length()));
        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
            while (true) {
                try (Socket s = server.accept()) {
                    // accepted: the probe only needs the connection to succeed
                }
            }
        }
    }
}
