package org.batteryledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * The gateway peer stops in the middle of the work and comes back: scans made meanwhile are
 * accepted (202), wait in the outbox, and are committed exactly once when the peer is back; the
 * read model follows. Subclasses say how the peer stops and starts: a fake peer here, the native
 * network's peer process in {@code PeerRestartFabricIT}.
 */
abstract class PeerRestartOverHttpTestBase extends HttpLedgerTestBase {

    abstract void stopPeer() throws Exception;

    abstract void startPeer() throws Exception;

    private int historyLength(String code) {
        return get("regulator", "/api/batteries/" + code + "/history?pageSize=1000").getBody().get("count").asInt();
    }

    private String writeStatus(String user, Map<String, Object> request) {
        JsonNode s = get(user, "/api/writes/" + request.get("clientEventId")).getBody();
        return s == null ? "?" : s.path("status").asText();
    }

    @Test
    void scans_made_while_the_peer_is_down_are_committed_exactly_once_when_it_is_back() throws Exception {
        String pack = newPackCode();
        commit("maker", "/api/batteries", req("code", pack, "spec", Map.of("massGrams", 420_000)));
        Map<String, Object> ship = req();
        Map<String, Object> offer = req("codes", List.of(pack), "to", companyId("automaker"));

        stopPeer();
        try {
            ResponseEntity<JsonNode> shipped = post("maker", "/api/batteries/" + pack + "/ship", ship);
            ResponseEntity<JsonNode> again = post("maker", "/api/batteries/" + pack + "/ship", ship); // a re-scan
            ResponseEntity<JsonNode> offered = post("maker", "/api/handovers", offer);

            assertThat(List.of(shipped, again, offered)).extracting(r -> r.getStatusCode().value())
                    .containsOnly(202);
            assertThat(writeStatus("maker", ship)).isEqualTo("PENDING");
        } finally {
            startPeer();
        }

        await().atMost(Duration.ofMinutes(3)).until(() -> writeStatus("maker", ship).equals("COMMITTED")
                && writeStatus("maker", offer).equals("COMMITTED"));
        assertThat(historyLength(pack)).as("registered, shipped, offered: once each").isEqualTo(3);
        assertThat(get("regulator", "/api/batteries/" + pack).getBody().get("status").asText())
                .isEqualTo("IN_STOCK");
        long block = get("maker", "/api/writes/" + offer.get("clientEventId")).getBody().get("blockNumber").asLong();
        assertThat(projector.awaitBlock(block, Duration.ofMinutes(1))).as("read model caught up").isTrue();
    }
}
