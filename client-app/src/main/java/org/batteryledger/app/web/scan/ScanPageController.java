package org.batteryledger.app.web.scan;

import java.io.IOException;
import java.util.Map;
import org.batteryledger.app.api.ApiException;
import org.batteryledger.app.web.Page;
import org.batteryledger.app.web.Participants;
import org.batteryledger.chaincode.json.Json;
import org.springframework.ui.Model;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * The yard's scan page. The page itself is a shell: the script asks {@code GET /api/scan/{code}}
 * for the unit and the actions the ledger allows the user now, and posts the chosen action to the
 * API's outbox. Camera frames the browser cannot decode itself (no {@code BarcodeDetector}) are
 * decoded here with ZXing.
 */
@Controller
@Page
class ScanPageController {
    /** A phone camera frame as JPEG is 50–300 kB; anything far larger is not a frame. */
    private static final long MAX_FRAME_BYTES = 4L * 1024 * 1024;

    private final FrameDecoder decoder;
    private final Participants participants;

    ScanPageController(FrameDecoder decoder, Participants participants) {
        this.decoder = decoder;
        this.participants = participants;
    }

    @GetMapping("/scan")
    String scan(Model model) {
        // Company names for holders and handover receivers, in the page: they still show offline.
        model.addAttribute("namesJson", Json.string(participants.names()).replace("<", "\\u003c"));
        return "scan";
    }

    @PostMapping("/scan/decode")
    @ResponseBody
    Map<String, Object> decode(@RequestParam("frame") MultipartFile frame) throws IOException {
        if (frame.isEmpty() || frame.getSize() > MAX_FRAME_BYTES) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT",
                    "frame: must be an image of 1 byte to 4 MiB, not " + frame.getSize() + " bytes");
        }
        return decoder.decode(frame.getBytes())
                .<Map<String, Object>>map(d -> Map.of("found", true, "text", d.text(), "format", d.format()))
                .orElse(Map.of("found", false));
    }
}
