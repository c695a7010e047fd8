package org.spinecare.advisor.cli;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * Whether {@code --host} can be listened on, checked before the server starts: otherwise Jetty's bind failure
 * reads "Port already in use" for a name that does not resolve or an address of another machine.
 */
final class BindAddress {
    private BindAddress() {
    }

    /** Null when the host names an address of this machine (or every interface), else what is wrong. */
    static String problem(String host) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return "--host " + TerminalText.safe(host) + " is not a name or address this machine can resolve";
        }
        try {
            if (address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null) {
                return null;
            }
        } catch (SocketException e) {
            return "--host " + TerminalText.safe(host) + ": cannot list this machine's interfaces: " + e.getMessage();
        }
        return "--host " + TerminalText.safe(host) + " (" + address.getHostAddress() + ") is not an address of this "
                + "machine; give one of its interfaces, 127.0.0.1 or 0.0.0.0";
    }
}
