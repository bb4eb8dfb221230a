package org.batteryledger.app.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Map;
import org.batteryledger.app.readmodel.ReadModelQueries;
import org.batteryledger.app.readmodel.UnitFilter;
import org.batteryledger.app.readmodel.UnitPage;
import org.batteryledger.app.readmodel.UnitScope;
import org.batteryledger.app.security.AppUser;
import org.batteryledger.app.security.CurrentUser;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.unit.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
    static final String COUNT_SCOPE = "Count-Scope";
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

    @Operation(summary = "Units by status: the whole picture for authorities, one's own for others",
            description = "Non-authorities count the units in their scope: producers (battery maker, automaker,"
                    + " importer, cascade operator) the units they hold or answer for under EPR, each once; the"
                    + " other trades the units they hold. `scope` (HELD, RESPONSIBLE, HELD_OR_RESPONSIBLE) narrows"
                    + " or widens it; the scope used is returned in the `Count-Scope` header.")
    @GetMapping("/api/dashboard/status-counts")
    ResponseEntity<Map<Status, Long>> statusCounts(@RequestParam(required = false) UnitScope scope) {
        AppUser me = currentUser.require();
        if (me.role().isAuthority() && scope == null) {
            return ResponseEntity.ok().header(COUNT_SCOPE, "ALL").body(queries.countByStatus());
        }
        UnitScope used = scope != null ? scope : defaultScope(me.role());
        return ResponseEntity.ok().header(COUNT_SCOPE, used.name())
                .body(queries.countByStatus(used, me.participantId()));
    }

    /**
     * The units a company sees as its own on the dashboard. Only battery makers, automakers
     * (importers alike) and repurposers are ever responsible parties (domain.md §8), and they also
     * hold stock they do not answer for yet; the other trades only ever hold units.
     */
    static UnitScope defaultScope(Role role) {
        return switch (role) {
            case BATTERY_MAKER, AUTOMAKER, IMPORTER, CASCADE_OPERATOR -> UnitScope.HELD_OR_RESPONSIBLE;
            default -> UnitScope.HELD;
        };
    }
}
