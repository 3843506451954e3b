package dev.roster.adapters.out.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The SSRF rule on addresses: what a webhook must never reach. IPv4: this network (0/8), loopback (127/8), private
 * (10/8, 172.16/12, 192.168/16), shared CGNAT (100.64/10), link-local (169.254/16), IETF protocol assignments
 * (192.0.0/24), benchmarking (198.18/15), multicast (224/4), reserved and broadcast (240/4). IPv6: unspecified (::),
 * loopback (::1), link-local (fe80::/10), site-local (fec0::/10), unique-local (fc00::/7), multicast (ff00::/8),
 * local-use NAT64 (64:ff9b:1::/48), and every form that embeds an IPv4 address, judged by that address:
 * IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
 */
final class TargetAddresses {
    private TargetAddresses() {
    }

    static boolean isForbidden(InetAddress address) {
        if (address instanceof Inet4Address) {
            return isForbiddenV4(address.getAddress());
        }
        if (address instanceof Inet6Address) {
            return isForbiddenV6(address.getAddress());
        }
        return true;
    }

    private static boolean isForbiddenV4(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        int b2 = a[2] & 0xff;
        return b0 == 0 || b0 == 127 || b0 == 10
                || b0 == 172 && (b1 & 0xf0) == 16
                || b0 == 192 && b1 == 168
                || b0 == 100 && (b1 & 0xc0) == 64
                || b0 == 169 && b1 == 254
                || b0 == 192 && b1 == 0 && b2 == 0
                || b0 == 198 && (b1 & 0xfe) == 18
                || b0 >= 224;
    }

    private static boolean isForbiddenV6(byte[] a) {
        int w0 = ((a[0] & 0xff) << 8) | (a[1] & 0xff);
        int w1 = ((a[2] & 0xff) << 8) | (a[3] & 0xff);
        int w2 = ((a[4] & 0xff) << 8) | (a[5] & 0xff);
        if (allZero(a, 0, 10) && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
            return isForbiddenV4(Arrays.copyOfRange(a, 12, 16)); // IPv4-mapped
        }
        if (allZero(a, 0, 12)) {
            return true; // ::, ::1 and the deprecated IPv4-compatible form: no public host needs it
        }
        if (w0 == 0x0064 && w1 == 0xff9b && allZero(a, 4, 12)) {
            return isForbiddenV4(Arrays.copyOfRange(a, 12, 16)); // NAT64 well-known prefix
        }
        if (w0 == 0x0064 && w1 == 0xff9b && w2 == 0x0001) {
            return true; // local-use NAT64
        }
        if (w0 == 0x2002) {
            return isForbiddenV4(Arrays.copyOfRange(a, 2, 6)); // 6to4
        }
        return (w0 & 0xffc0) == 0xfe80 // link-local
                || (w0 & 0xffc0) == 0xfec0 // site-local
                || (w0 & 0xfe00) == 0xfc00 // unique-local
                || (w0 & 0xff00) == 0xff00; // multicast
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Every address the host resolves to (a literal is parsed, not looked up). */
    static InetAddress[] resolve(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }

    static boolean anyForbidden(InetAddress[] addresses) {
        for (InetAddress address : addresses) {
            if (isForbidden(address)) {
                return true;
            }
        }
        return addresses.length == 0;
    }
}
