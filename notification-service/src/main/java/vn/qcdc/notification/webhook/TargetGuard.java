package vn.qcdc.notification.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Refuses outbound calls to targets inside the service's own network (SSRF): loopback, private (RFC 1918), link-local
 * (cloud metadata at 169.254.169.254), carrier-grade NAT, unique-local IPv6, multicast and the unspecified address.
 * Every address the host resolves to is checked, and the check runs again right before each call, so a name that
 * later resolves elsewhere is caught too. The call then goes to the very address that was checked ({@link #pin}): a
 * second lookup by the HTTP client could answer differently (DNS rebinding) and is never made.
 */
public final class TargetGuard {

    private final boolean allowPrivate;

    public TargetGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** The outcome of a check: the address to connect to, or why not. */
    public record Target(URI uri, InetAddress address, String refusal) {
        public int port() {
            return uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }
    }

    /** Why {@code url} may not be called, or null when it may. */
    public String refusal(String url) {
        return pin(url).refusal();
    }

    /**
     * Resolves the host once, checks every address it resolves to, and returns the first as the one to connect to
     * (or the refusal).
     */
    public Target pin(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new Target(null, null, "webhook-url-invalid");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                || uri.getHost() == null || uri.getUserInfo() != null) {
            return new Target(uri, null, "webhook-url-invalid");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            // where private targets are allowed (tests, a closed network) nothing is guarded: let the client try
            return new Target(uri, null, allowPrivate ? null : "webhook-url-unresolvable");
        }
        if (!allowPrivate) {
            for (InetAddress a : addresses) {
                if (isInternal(a)) {
                    return new Target(uri, null, "webhook-url-private");
                }
            }
        }
        return new Target(uri, addresses[0], null);
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second < 128); // 0/8, 100.64/10 (CGNAT)
    }
}
