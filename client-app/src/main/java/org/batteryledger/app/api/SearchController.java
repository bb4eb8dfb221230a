package org.batteryledger.app.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Map;
import org.batteryledger.app.readmodel.ReadModelQueries;
import org.batteryledger.app.readmodel.UnitFilter;
import org.batteryledger.app.readmodel.UnitPage;
import org.batteryledger.app.security.AppUser;
import org.batteryledger.app.security.CurrentUser;
import org.batteryledger.chaincode.unit.Status;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Search and dashboard counts from the read model. Who holds what is legitimate-interest data:
 * authorities search everything; any other company searches the units it holds or answers for,
 * the same rule the contract applies to its listings by holder and responsible party.
 */
@RestController
@Tag(name = "Search")
class SearchController {
    private final ReadModelQueries queries;
    private final CurrentUser currentUser;

    SearchController(ReadModelQueries queries, CurrentUser currentUser) {
        this.queries = queries;
        this.currentUser = currentUser;
    }

    @Operation(summary = "Search units by holder, status, responsible party, VIN and registration date",
            description = "Keyset pagination: pass `next` back as `after`. At most 500 per page.")
    @GetMapping("/api/batteries")
    UnitPage search(@RequestParam(required = false) String holder, @RequestParam(required = false) Status status,
            @RequestParam(required = false) String responsible, @RequestParam(required = false) String vin,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant before,
            @RequestParam(required = false) String after, @RequestParam(defaultValue = "100") int limit) {
        AppUser me = currentUser.require();
        if (limit < 1 || limit > ReadModelQueries.MAX_PAGE) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "LIMIT_EXCEEDED",
                    "field 'limit': must be between 1 and " + ReadModelQueries.MAX_PAGE);
        }
        if (!me.role().isAuthority()) {
            String mine = me.participantId();
            if ((holder != null && !holder.equals(mine)) || (responsible != null && !responsible.equals(mine))) {
                throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN",
                        "listing the units of another company is for authorities");
            }
            if (holder == null && responsible == null) {
                holder = mine;
            }
        }
        UnitFilter filter = UnitFilter.any().holder(holder).status(status).responsible(responsible).vin(vin)
                .registered(from, before);
        return queries.search(filter, after, limit);
    }

    @Operation(summary = "Units by status: the whole picture for authorities, one's own for others")
    @GetMapping("/api/dashboard/status-counts")
    Map<Status, Long> statusCounts() {
        AppUser me = currentUser.require();
        return me.role().isAuthority() ? queries.countByStatus() : queries.countByStatus(me.participantId());
    }
}
