package dev.roster.adapters.out.webhooks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class TargetAddressesTest {

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {
            // IPv4: this network, loopback, private, CGNAT, link-local, IETF, benchmarking, multicast, reserved, broadcast
            "0.0.0.0", "0.1.2.3", "127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255",
            "192.168.0.1", "192.168.255.255", "100.64.0.1", "100.127.255.255", "169.254.169.254", "192.0.0.8", "198.18.0.1",
            "198.19.255.255", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
            // IPv6: unspecified, loopback, link-local, site-local, unique-local, multicast
            "::", "::1", "fe80::1", "febf::1", "fec0::1", "fc00::1", "fd12:3456::1", "ff02::1",
            // IPv4-mapped and IPv4-compatible forms of refused IPv4 addresses, in both spellings
            "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::ffff:a9fe:a9fe", "::ffff:192.168.1.1", "::127.0.0.1",
            "::10.0.0.1", "::ffff:0.0.0.0",
            // NAT64 (well-known prefix) embedding a refused IPv4, local-use NAT64, 6to4 embedding a refused IPv4
            "64:ff9b::127.0.0.1", "64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b:1::1", "2002:7f00:1::1", "2002:c0a8:101::1"})
    void refuses(String literal) throws UnknownHostException {
        assertThat(TargetAddresses.isForbidden(InetAddress.getByName(literal))).isTrue();
    }

    @ParameterizedTest(name = "{0} is allowed")
    @ValueSource(strings = {"93.184.216.34", "1.1.1.1", "8.8.8.8", "172.15.255.255", "172.32.0.1", "100.63.255.255",
            "100.128.0.1", "192.169.0.1", "169.253.0.1", "2606:2800:220:1:248:1893:25c8:1946", "2001:4860:4860::8888",
            "::ffff:93.184.216.34", "64:ff9b::5db8:d822", "2002:5db8:d822::1"})
    void allows(String literal) throws UnknownHostException {
        assertThat(TargetAddresses.isForbidden(InetAddress.getByName(literal))).isFalse();
    }

    @ParameterizedTest(name = "{0} resolves to a refused address")
    @ValueSource(strings = {"localhost", "127.1", "2130706433"})
    void refusesNamesAndShorthandsThatResolveToLoopback(String host) throws UnknownHostException {
        assertThat(TargetAddresses.anyForbidden(TargetAddresses.resolve(host))).isTrue();
    }
}
