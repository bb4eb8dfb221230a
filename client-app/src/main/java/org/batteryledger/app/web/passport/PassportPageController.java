package org.batteryledger.app.web.passport;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import org.batteryledger.app.api.ApiException;
import org.batteryledger.app.api.Readers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.batteryledger.app.web.Page;
import org.batteryledger.app.web.Participants;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.code.BatteryCodes;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The battery passport page reached from the QR label (EU 2023/1542 Art. 77(3), domain.md §5):
 * anyone sees the public tier; a signed-in user sees what the contract gives its tier. The page
 * shows only what the ledger returned, so a field the tier does not carry cannot appear. Also the
 * printable label, as PNG and SVG.
 */
@Controller
@Page
class PassportPageController {
    private static final int MAX_SCALE = 20;
    /** Legitimate-interest fields shown beyond the public ones (UnitView, EU Annex XIII points 2 and 4). */
    private static final List<String> RESTRICTED = List.of("holder", "responsible", "responsibleBasis",
            "responsibleSince", "registeredBy", "vin", "parent", "stateOfHealth", "pendingHandover", "recyclingBatch",
            "lastEvent");

    private final Readers readers;
    private final QrLabels labels;
    private final Participants participants;

    PassportPageController(Readers readers, QrLabels labels, Participants participants) {
        this.readers = readers;
        this.labels = labels;
        this.participants = participants;
    }

    @GetMapping("/passport")
    String lookup(@RequestParam(required = false) String code) {
        if (code == null || code.isBlank()) {
            return "passport-lookup";
        }
        return "redirect:/passport/" + code.trim().toUpperCase(java.util.Locale.ROOT);
    }

    @GetMapping("/passport/{code}")
    String passport(@PathVariable String code, Model model) {
        JsonNode unit = readers.evaluate(Transactions.GET_UNIT, code);
        model.addAttribute("code", code);
        model.addAttribute("unit", unit);
        model.addAttribute("decoded", BatteryCodes.parse(code, null));
        boolean restricted = !"PUBLIC".equals(unit.path("tier").asText());
        model.addAttribute("restricted", restricted);
        model.addAttribute("spec", fields(unit.path("spec"), null, Map.of()));
        model.addAttribute("restrictedFields", restricted
                ? fields(unit, RESTRICTED, participants.names()) : List.of());
        model.addAttribute("passportUrl", passportUrl(code));
        return "passport";
    }

    @GetMapping("/passport/{code}/label")
    String label(@PathVariable String code, Model model) {
        readers.evaluate(Transactions.GET_UNIT, code); // a label only for a unit the ledger knows
        model.addAttribute("code", code);
        model.addAttribute("passportUrl", passportUrl(code));
        return "label";
    }

    @GetMapping(value = "/passport/{code}/label.png")
    ResponseEntity<byte[]> png(@PathVariable String code, @RequestParam(defaultValue = "8") int scale) {
        if (scale < 1 || scale > MAX_SCALE) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT",
                    "scale: must be 1–" + MAX_SCALE + " pixels a module, not " + scale);
        }
        BatteryCodes.parse(code, null);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noCache())
                .body(labels.png(passportUrl(code), scale));
    }

    @GetMapping(value = "/passport/{code}/label.svg")
    ResponseEntity<String> svg(@PathVariable String code) {
        BatteryCodes.parse(code, null);
        return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml")).cacheControl(CacheControl.noCache())
                .body(labels.svg(passportUrl(code), code));
    }

    /** One line of the passport: a field and its value as text. */
    record Field(String name, String value) {}

    /**
     * The fields of {@code node} the ledger returned, in {@code only}'s order (all when null);
     * participant ids as company names. Nothing is added: a field the tier lacks is not there.
     */
    static List<Field> fields(JsonNode node, List<String> only, Map<String, String> names) {
        List<Field> out = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        if (only == null) {
            node.fieldNames().forEachRemaining(keys::add);
        } else {
            keys.addAll(only);
        }
        for (String k : keys) {
            JsonNode v = node.get(k);
            if (v == null || v.isNull() || (v.isContainerNode() && v.isEmpty())) {
                continue;
            }
            String text;
            if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(i -> items.add(i.isValueNode() ? i.asText() : i.toString()));
                text = String.join(", ", items);
            } else if (v.isValueNode()) {
                text = names.getOrDefault(v.asText(), v.asText());
            } else {
                text = v.toString();
            }
            out.add(new Field(k, text));
        }
        return out;
    }

    /** The URL the QR code carries: this server's passport page of the unit. */
    private static String passportUrl(String code) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/passport/{code}").buildAndExpand(code)
                .toUriString();
    }

}
