package dev.roster.adapters.in.http.common;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.server.HttpServerConfiguration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressesTest {
    private static final String PEER = "192.0.2.200";

    @Nested
    class WithoutAClientAddressHeader {
        private final ClientAddresses addresses = addresses(null, 1);

        @Test
        void theSocketPeerIsTheClientAndForwardedHeadersAreIgnored() {
            Request request = fromPeer(PEER).header("X-Forwarded-For", "198.51.100.1")
                    .header("Forwarded", "for=198.51.100.2");

            assertThat(of(addresses, request)).isEqualTo(PEER);
        }

        @Test
        void anIpv6PeerIsWrittenInItsShortForm() {
            assertThat(of(addresses, fromPeer("2001:DB8:0:0:0:0:0:1"))).isEqualTo("2001:db8::1");
        }
    }

    @Nested
    class BehindOneProxyThatAppendsToXForwardedFor {
        private final ClientAddresses addresses = addresses("X-Forwarded-For", 1);

        @Test
        void theRightMostEntryIsTheClientWhateverTheClientPutInFrontOfIt() {
            assertThat(of(addresses, forwardedFor("198.51.100.7"))).isEqualTo("198.51.100.7");
            assertThat(of(addresses, forwardedFor("203.0.113.1, 203.0.113.2,198.51.100.7"))).isEqualTo("198.51.100.7");
            assertThat(of(addresses, fromPeer(PEER).header("X-Forwarded-For", "203.0.113.1")
                    .header("X-Forwarded-For", "198.51.100.7"))).as("two header lines are one list").isEqualTo("198.51.100.7");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "198.51.100.7:4711            | 198.51.100.7",
                "2001:DB8:0:0:0:0:0:1         | 2001:db8::1",
                "[2001:db8::1]                | 2001:db8::1",
                "[2001:db8::1]:4711           | 2001:db8::1",
                "::ffff:198.51.100.7          | 198.51.100.7",
                "'203.0.113.1,   198.51.100.7'  | 198.51.100.7"})
        void theEntryIsNormalised(String entry, String expected) {
            assertThat(of(addresses, forwardedFor(entry))).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "unknown", "localhost", "example.org", "999.1.1.1", "01.2.3.4", "1.2.3", "0x7f.0.0.1",
                "fe80::1%eth0", "[::1", "[198.51.100.7]", "198.51.100.7:", "198.51.100.7:123456", "1::2::3", "_hidden"})
        void anEntryThatIsNoIpLiteralFallsBackToTheSocketPeer(String entry) {
            assertThat(of(addresses, forwardedFor("203.0.113.1, " + entry))).isEqualTo(PEER);
        }

        @Test
        void aLongHeaderValueNeverBecomesTheAddress() {
            assertThat(of(addresses, forwardedFor("x".repeat(200)))).isEqualTo(PEER);
            assertThat(of(addresses, forwardedFor("x".repeat(200) + ", 198.51.100.7"))).isEqualTo("198.51.100.7");
        }

        @Test
        void aRequestWithoutTheHeaderIsTheSocketPeers() {
            assertThat(of(addresses, fromPeer(PEER))).isEqualTo(PEER);
        }
    }

    @Nested
    class BehindTwoProxies {
        private final ClientAddresses addresses = addresses("X-Forwarded-For", 2);

        @Test
        void theSecondEntryFromTheRightIsTheClient() {
            assertThat(of(addresses, forwardedFor("203.0.113.1, 198.51.100.7, 10.0.0.2"))).isEqualTo("198.51.100.7");
        }

        @Test
        void tooFewEntriesFallBackToTheSocketPeer() {
            assertThat(of(addresses, forwardedFor("198.51.100.7"))).isEqualTo(PEER);
        }
    }

    @Nested
    class BehindAProxyThatAppendsToForwarded {
        private final ClientAddresses addresses = addresses("Forwarded", 1);

        @Test
        void theForParameterOfTheRightMostElementIsTheClient() {
            Request request = fromPeer(PEER).header("Forwarded",
                    "for=203.0.113.1;proto=https, for=\"[2001:db8:cafe::17]:4711\";by=10.0.0.1;proto=https");

            assertThat(of(addresses, request)).isEqualTo("2001:db8:cafe::17");
        }

        @Test
        void anElementWithoutAnIpLiteralForFallsBackToTheSocketPeer() {
            assertThat(of(addresses, fromPeer(PEER).header("Forwarded", "for=198.51.100.7, proto=https"))).isEqualTo(PEER);
            assertThat(of(addresses, fromPeer(PEER).header("Forwarded", "for=\"_hidden\""))).isEqualTo(PEER);
        }
    }

    @Nested
    class LimitKeys {
        private final ClientAddresses addresses = addresses(null, 1);

        @Test
        void anIpv4ClientIsItsAddress() {
            assertThat(limitKey(addresses, fromPeer("198.51.100.7"))).isEqualTo("198.51.100.7");
        }

        @Test
        void anIpv6ClientIsItsSlash64Network() {
            assertThat(limitKey(addresses, fromPeer("2001:db8:1:2:3:4:5:6"))).isEqualTo("2001:db8:1:2::/64");
            assertThat(limitKey(addresses, fromPeer("2001:db8:1:2:ffff::1"))).isEqualTo("2001:db8:1:2::/64");
        }
    }

    @Test
    void aClientAddressHeaderWithoutTrustedProxiesIsRefusedAtStartUp() {
        assertThatThrownBy(() -> addresses("X-Forwarded-For", 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("roster.http.trusted-proxies");
    }

    private static ClientAddresses addresses(String header, int trustedProxies) {
        HttpServerConfiguration server = new HttpServerConfiguration();
        server.setClientAddressHeader(header);
        return new ClientAddresses(server, new ClientAddressProperties(trustedProxies));
    }

    /** A request's headers and its socket peer. */
    private record Request(MutableHttpRequest<?> http, InetAddress peer) {
        Request header(String name, String value) {
            http.header(name, value);
            return this;
        }
    }

    private static Request forwardedFor(String value) {
        return fromPeer(PEER).header("X-Forwarded-For", value);
    }

    private static Request fromPeer(String peer) {
        return new Request(HttpRequest.GET("/"), ClientAddresses.literal(peer).orElseThrow());
    }

    private static String of(ClientAddresses addresses, Request request) {
        return addresses.of(request.http().getHeaders(), request.peer());
    }

    private static String limitKey(ClientAddresses addresses, Request request) {
        return addresses.limitKey(request.http().getHeaders(), request.peer());
    }
}
